import { formatBytes, formatMemoryMb } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { DEFAULT_HEAP_MB, DEFAULT_NODE_MEMORY_MB, executorOverheadMb } from '../memory-math.js';
import { raiseMemoryMb } from '../memory-sizing.js';
import { maxOf, persistent, round, silent } from '../rule-helpers.js';
import type { Recommendation, Rule, RuleOutcome } from '../types.js';
import { flooredSkewRatio, taskSkew } from './task-skew.js';

export interface SpillThresholds extends Record<string, number> {
  /** Spill / (input + shuffle read) at or above this [Dr. Elephant: 0.1 of a stage's I/O]. */
  min_spill_ratio: number;
  /** … in at least this share of the successful runs. */
  min_share_of_runs: number;
  /** Shuffle partitions × this when the runs are not skewed [NVIDIA spark-rapids-tools: × 2]. */
  partitions_factor: number;
  /** Never propose more shuffle partitions than this. */
  max_partitions: number;
  /** A run is skewed when max/median task time (with task-skew's default noise floors) reaches this (then memory, not partitions, helps). */
  skew_ratio: number;
  /** Executor memory × this when partitions cannot help. */
  memory_factor: number;
  round_mb: number;
}

const ID = 'spill';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'memory_bytes_spilled', 'disk_bytes_spilled', 'input_bytes', 'shuffle_read_bytes', 'stages_with_spill', 'shuffle_partitions', 'max_task_skew_ratio',
];
/** Spark's default `spark.sql.shuffle.partitions`. */
const DEFAULT_PARTITIONS = 200;

export const spill: Rule<SpillThresholds> = {
  id: ID,
  doc: 'Tasks spill a large share of their input to disk: more shuffle partitions (or, when skewed, more memory).',
  kind: 'reliability',
  defaults: {
    min_spill_ratio: 0.1,
    min_share_of_runs: 0.5,
    partitions_factor: 2,
    max_partitions: 20_000,
    skew_ratio: 5,
    memory_factor: 1.25,
    round_mb: 512,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const found = persistent(input.successful, (run) => spilled(run, t), t.min_share_of_runs, input.min_runs);
    const latest = input.successful.at(-1);
    if (!found || !latest) return silent();
    const ratio = maxOf(found.hits, spillRatio) ?? 0;
    const spillBytes = maxOf(found.hits, (run) => run.memory_bytes_spilled) ?? 0;
    const skewed = found.hits.some((run) => (flooredSkewRatio(run, taskSkew.defaults) ?? 0) >= t.skew_ratio);
    const shuffles = found.hits.every((run) => (run.shuffle_read_bytes ?? 0) > 0);
    const rec = skewed || !shuffles ? moreMemory(latest, input.node_memory_mb ?? DEFAULT_NODE_MEMORY_MB, t) : morePartitions(latest, t);
    const why = skewed
      ? 'The runs are skewed, so more partitions would not shrink the largest ones; more executor memory lets them fit.'
      : !shuffles
        ? 'The spill is not in a shuffle, so shuffle partitions cannot spread it; more executor memory lets it fit.'
        : `More shuffle partitions make each task's share smaller so it fits in execution memory.`;
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'reliability',
        title: `Tasks spill up to ${formatBytes(spillBytes)} (${round(ratio, 2)}× their input and shuffle reads) in ${found.hits.length} of ${found.judged.length} runs`,
        detail:
          `In ${found.hits.length} of ${found.judged.length} successful runs the memory spilled was at least ${t.min_spill_ratio} of the bytes ` +
          `read (input + shuffle read), over up to ${maxOf(found.hits, (run) => run.stages_with_spill) ?? 0} stage(s). ${why}` +
          (rec ? '' : ' No larger setting fits, so a person has to look.'),
        evidence: evidenceOf(found.hits, COLUMNS, metricSource, {
          max_spill_ratio: round(ratio, 3),
          max_memory_bytes_spilled: spillBytes,
          runs_affected: found.hits.length,
          skewed: skewed ? 'yes' : 'no',
        }),
        recommendations: rec ? [rec] : [],
        needs_human: rec === null,
      },
    };
  },
};

function spillRatio(run: ApplicationSummary): number | null {
  const read = (run.input_bytes ?? 0) + (run.shuffle_read_bytes ?? 0);
  if (run.memory_bytes_spilled === null || read === 0) return null;
  return run.memory_bytes_spilled / read;
}

function spilled(run: ApplicationSummary, t: SpillThresholds): boolean | null {
  const ratio = spillRatio(run);
  return ratio === null ? null : ratio >= t.min_spill_ratio;
}

function morePartitions(latest: ApplicationSummary, t: SpillThresholds): Recommendation | null {
  const currentCount = latest.shuffle_partitions ?? DEFAULT_PARTITIONS;
  const proposed = Math.min(t.max_partitions, Math.ceil(currentCount * t.partitions_factor));
  if (proposed <= currentCount) return null;
  return {
    rule_id: ID,
    key: 'spark.sql.shuffle.partitions',
    current: latest.spark_conf['spark.sql.shuffle.partitions'] ?? null,
    proposed: String(proposed),
    reason: `tasks spill; ${proposed} partitions halve each task's share of the shuffle`,
    runtime_effect: 'faster: less spill to disk (not quantified)',
  };
}

function moreMemory(latest: ApplicationSummary, nodeMb: number, t: SpillThresholds): Recommendation | null {
  const currentMb = latest.executor_memory_mb ?? DEFAULT_HEAP_MB;
  const raised = raiseMemoryMb(currentMb, t.memory_factor, t.round_mb, nodeMb, (heap) => executorOverheadMb(latest, heap));
  if (!raised) return null;
  return {
    rule_id: ID,
    key: 'spark.executor.memory',
    current: latest.spark_conf['spark.executor.memory'] ?? null,
    proposed: formatMemoryMb(raised.mb),
    reason: `tasks spill and more partitions cannot help; ${formatMemoryMb(raised.mb)} gives execution memory room`,
    runtime_effect: 'faster: less spill to disk (not quantified)',
  };
}
