import { formatDuration, plural } from '../../format.js';
import { formatBytes } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { MIB } from '../memory-math.js';
import { maxOf, persistent, silent } from '../rule-helpers.js';
import type { Finding, FindingKind, Recommendation, Rule, RuleInput, RuleOutcome } from '../types.js';

export interface PartitionsThresholds extends Record<string, number> {
  /** Too many partitions: more than this many tasks … [DataFlint: 5000] */
  tiny_min_tasks: number;
  /** … with a median task shorter than this (ms) [DataFlint: 500 ms]. */
  tiny_max_median_ms: number;
  /** Too few partitions: a median task longer than this (ms) [DataFlint: 5 min]. */
  long_min_median_ms: number;
  /** Target bytes per shuffle partition [Spark/AQE advisory size order: ~128 MB]. */
  target_partition_mb: number;
  /** Never propose more than this many partitions. */
  max_partitions: number;
  /** … in at least this share of the successful runs. */
  min_share_of_runs: number;
}

const ID = 'shuffle-partitions';
const DEFAULT_PARTITIONS = 200;
const COLUMNS: (keyof ApplicationSummary)[] = ['tasks_total', 'task_duration_p50_ms', 'shuffle_write_bytes', 'shuffle_partitions', 'aqe_enabled'];

export const shufflePartitions: Rule<PartitionsThresholds> = {
  id: ID,
  doc: 'Thousands of tiny tasks, or tasks of many minutes: size spark.sql.shuffle.partitions to ~128 MB per partition.',
  kind: 'reliability',
  defaults: {
    tiny_min_tasks: 5000,
    tiny_max_median_ms: 500,
    long_min_median_ms: 5 * 60_000,
    target_partition_mb: 128,
    max_partitions: 20_000,
    min_share_of_runs: 0.5,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const tiny = persistent(input.successful, (run) => judge(run, (p50) => (run.tasks_total ?? 0) > t.tiny_min_tasks && p50 < t.tiny_max_median_ms), t.min_share_of_runs, input.min_runs);
    if (tiny) return outcome(input, t, metricSource, tiny.hits, tiny.judged.length, 'tiny');
    const long = persistent(input.successful, (run) => judge(run, (p50) => p50 > t.long_min_median_ms), t.min_share_of_runs, input.min_runs);
    if (long) return outcome(input, t, metricSource, long.hits, long.judged.length, 'long');
    return silent();
  },
};

function judge(run: ApplicationSummary, test: (p50: number) => boolean): boolean | null {
  return run.task_duration_p50_ms === null ? null : test(run.task_duration_p50_ms);
}

function outcome(input: RuleInput, t: PartitionsThresholds, metricSource: string, hits: ApplicationSummary[], judged: number, why: 'tiny' | 'long'): RuleOutcome {
  const latest = input.successful.at(-1);
  if (!latest) return silent();
  const current = latest.shuffle_partitions ?? DEFAULT_PARTITIONS;
  const shuffleBytes = maxOf(hits, (run) => run.shuffle_write_bytes) ?? 0;
  const sized = Math.ceil(shuffleBytes / (t.target_partition_mb * MIB));
  const slots = Math.max(1, (latest.executor_instances ?? latest.executors_max_concurrent ?? 1) * (latest.executor_cores ?? 1));
  const median = maxOf(hits, (run) => run.task_duration_p50_ms) ?? 0;
  const tasks = maxOf(hits, (run) => run.tasks_total) ?? 0;
  // a whole number of waves over the executor slots
  const waves = (count: number): number => Math.ceil(count / slots) * slots;
  const proposed = why === 'tiny' ? waves(Math.max(sized, 1)) : Math.min(t.max_partitions, waves(Math.max(sized, current * 2)));
  const useful = shuffleBytes > 0 && (why === 'tiny' ? proposed < current : proposed > current);
  const kind: FindingKind = why === 'tiny' ? 'cost' : 'reliability';
  const finding: Finding = {
    rule_id: ID,
    kind,
    title:
      why === 'tiny'
        ? `${plural(tasks, 'task')} per run with a median of ${median} ms: too many partitions`
        : `The median task takes ${formatDuration(median)}: too few partitions`,
    detail:
      `In ${hits.length} of ${judged} successful runs ` +
      (why === 'tiny'
        ? `there were more than ${t.tiny_min_tasks} tasks with a median under ${t.tiny_max_median_ms} ms, so scheduling overhead dominates. `
        : `the median task took over ${formatDuration(t.long_min_median_ms)}, so a slow or failed task costs a lot and spills are likely. `) +
      `The runs shuffle up to ${formatBytes(shuffleBytes)} into ${current} partitions` +
      (useful
        ? `; ${proposed} partitions give about ${formatBytes(shuffleBytes / proposed)} each (a whole number of waves over ${slots} executor slots).`
        : `; ${notThePartitions(why, shuffleBytes, current)}`),
    evidence: evidenceOf(hits, COLUMNS, metricSource, {
      max_tasks: tasks,
      max_median_task_ms: median,
      max_shuffle_write_bytes: shuffleBytes,
      current_partitions: current,
      proposed_partitions: useful ? proposed : null,
    }),
    recommendations: [],
    needs_human: !useful,
  };
  if (useful) finding.recommendations.push(recommendation(latest, proposed, why, t));
  return { finding, notes: [] };
}

/** Why shuffle partitions are not the fix, and what is. */
function notThePartitions(why: 'tiny' | 'long', shuffleBytes: number, current: number): string {
  if (why === 'long') return 'more partitions would not shrink these tasks (no shuffle to split): split the input further (spark.sql.files.maxPartitionBytes) or look at the code.';
  const size = shuffleBytes > 0 ? `they already hold ${formatBytes(shuffleBytes / current)} or more each, so ` : '';
  return `${size}shuffle partitions are not the cause: the tiny tasks come from input splits (raise spark.sql.files.maxPartitionBytes or compact small files) or from many small stages.`;
}

function recommendation(latest: ApplicationSummary, proposed: number, why: 'tiny' | 'long', t: PartitionsThresholds): Recommendation {
  return {
    rule_id: ID,
    key: 'spark.sql.shuffle.partitions',
    current: latest.spark_conf['spark.sql.shuffle.partitions'] ?? null,
    proposed: String(proposed),
    reason: `about ${t.target_partition_mb} MB per shuffle partition`,
    runtime_effect: why === 'tiny' ? 'faster: less task scheduling overhead (not quantified)' : 'faster when the stage runs more tasks than slots (not quantified)',
  };
}
