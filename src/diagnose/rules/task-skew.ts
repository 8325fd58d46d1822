import { formatDuration } from '../../format.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { maxOf, persistent, round, silent } from '../rule-helpers.js';
import { atLeast } from '../spark-settings.js';
import type { Recommendation, Rule, RuleOutcome } from '../types.js';

export interface SkewThresholds extends Record<string, number> {
  /** Max / median task time of a stage at or above this [Dr. Elephant, AQE's skewedPartitionFactor: 5]. */
  min_skew_ratio: number;
  /** … with the longest task above this many ms [AQE-style threshold: 150 s]. */
  min_max_task_ms: number;
  /** … and taking more than this share of the longest stage [Dr. Elephant: 0.75]. */
  min_share_of_stage: number;
  /** … in at least this share of the successful runs. */
  min_share_of_runs: number;
  /** Noise floor: the skewed stage's median task counts as at least this many ms, so millisecond jitter is no skew. */
  median_floor_ms: number;
  /** Noise floor: a stage whose longest task is shorter than this many ms is not judged. */
  min_stage_max_task_ms: number;
}

/** The noise floors the summary's skew columns leave to the rules (they report what was measured). */
export type SkewFloors = Pick<SkewThresholds, 'median_floor_ms' | 'min_stage_max_task_ms'>;

const ID = 'task-skew';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'max_task_skew_ratio', 'skew_stage_id', 'skew_stage_task_max_ms', 'task_duration_max_ms', 'stage_duration_max_ms', 'max_shuffle_read_skew_ratio', 'aqe_enabled',
];

export const taskSkew: Rule<SkewThresholds> = {
  id: ID,
  doc: 'One task of a stage runs far longer than the others (data skew): turn on AQE skew-join handling, or fix the key.',
  kind: 'reliability',
  defaults: {
    min_skew_ratio: 5, min_max_task_ms: 150_000, min_share_of_stage: 0.75, min_share_of_runs: 0.5, median_floor_ms: 1000, min_stage_max_task_ms: 1000,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const found = persistent(input.successful, (run) => skewed(run, t), t.min_share_of_runs, input.min_runs);
    const latest = input.successful.at(-1);
    if (!found || !latest) return silent();
    const ratio = maxOf(found.hits, (run) => run.max_task_skew_ratio) ?? 0;
    const longest = maxOf(found.hits, (run) => run.skew_stage_task_max_ms ?? run.task_duration_max_ms) ?? 0;
    const stages = found.hits.map((run) => run.skew_stage_id);
    const stageText = describeStages(stages);
    const recs = aqeRecommendations(latest);
    const version = latest.spark_version;
    const human = !atLeast(version, 3, 0)
      ? ` Spark ${version ?? '(unknown version)'} has no adaptive skew-join handling: salt the skewed key or repartition ${stageText} by hand.`
      : ' Adaptive skew-join handling is already on, so the skew is where AQE cannot split it (an aggregation, a window, a broadcast or non-sort-merge join): salt the hot key or pre-aggregate it.';
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'reliability',
        title: `${stageText[0]?.toUpperCase()}${stageText.slice(1)} is skewed: its longest task ran ${round(ratio, 1)}× the median`,
        detail:
          `In ${found.hits.length} of ${found.judged.length} successful runs the longest task of ${stageText} took up to ${formatDuration(longest)}, ` +
          `${round(ratio, 1)}× the stage's median task and most of the stage's time, so the whole stage waited on it.` +
          (recs.length > 0
            ? ' AQE splits skewed partitions of sort-merge joins at run time; if the skew is in an aggregation or a window instead, salt the hot key.'
            : human),
        evidence: evidenceOf(found.hits, COLUMNS, metricSource, { max_task_skew_ratio: round(ratio, 2), max_task_ms: longest, runs_affected: found.hits.length }, stages),
        recommendations: recs,
        needs_human: recs.length === 0,
      },
    };
  },
};

/**
 * The skewed stage's longest / median task with the noise floors applied (the median raised to
 * `median_floor_ms`), or null when unmeasured or its longest task is under `min_stage_max_task_ms`.
 * Rows written before `skew_stage_task_max_ms` existed carried the floored ratio already.
 */
export function flooredSkewRatio(run: ApplicationSummary, floors: SkewFloors): number | null {
  const ratio = run.max_task_skew_ratio;
  const maxMs = run.skew_stage_task_max_ms;
  if (ratio === null || maxMs === null) return ratio;
  if (maxMs < floors.min_stage_max_task_ms) return null;
  return ratio > 0 ? maxMs / Math.max(maxMs / ratio, floors.median_floor_ms) : ratio;
}

function skewed(run: ApplicationSummary, t: SkewThresholds): boolean | null {
  const ratio = flooredSkewRatio(run, t);
  if (ratio === null || run.task_duration_max_ms === null) return null;
  const stageMs = run.stage_duration_max_ms ?? run.task_duration_max_ms;
  return (
    ratio >= t.min_skew_ratio &&
    run.task_duration_max_ms > t.min_max_task_ms &&
    run.task_duration_max_ms > t.min_share_of_stage * stageMs
  );
}

function describeStages(stages: (number | null)[]): string {
  const named = [...new Set(stages.filter((s): s is number => s !== null))].sort((a, b) => a - b);
  if (named.length === 0) return 'a stage';
  return named.length === 1 ? `stage ${named[0]}` : `stages ${named.join(', ')}`;
}

/** AQE (default on from Spark 3.2) and its skew join (default on with AQE from 3.0), where they are off. */
function aqeRecommendations(run: ApplicationSummary): Recommendation[] {
  if (!atLeast(run.spark_version, 3, 0)) return [];
  const recs: Recommendation[] = [];
  const aqe = run.spark_conf['spark.sql.adaptive.enabled'] ?? null;
  const aqeOn = aqe === null ? atLeast(run.spark_version, 3, 2) : aqe.trim().toLowerCase() === 'true';
  const skewJoin = run.spark_conf['spark.sql.adaptive.skewJoin.enabled'] ?? null;
  const effect = 'faster: the skewed partition is split across tasks (not quantified)';
  if (!aqeOn) {
    recs.push({ rule_id: ID, key: 'spark.sql.adaptive.enabled', current: aqe, proposed: 'true', reason: 'adaptive execution splits skewed join partitions', runtime_effect: effect });
  }
  if (skewJoin !== null && skewJoin.trim().toLowerCase() !== 'true') {
    recs.push({ rule_id: ID, key: 'spark.sql.adaptive.skewJoin.enabled', current: skewJoin, proposed: 'true', reason: 'skew-join handling splits the skewed partition', runtime_effect: effect });
  }
  return recs;
}
