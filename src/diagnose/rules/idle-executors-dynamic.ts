import { formatNumber, plural } from '../../format.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { dynamicExecutorMs } from '../../whatif/dynamic-allocation.js';
import type { PreparedRun } from '../../whatif/predict-run.js';
import { stageProfileOf } from '../../whatif/profile-of.js';
import { percent, round } from '../rule-helpers.js';
import { atLeast } from '../spark-settings.js';
import type { Recommendation } from '../types.js';

const ID = 'idle-executors';
const HOUR_MS = 3_600_000;

export interface DynamicInstead {
  title: string;
  detail: string;
  recommendations: Recommendation[];
  values: Record<string, number | string | null>;
}

/**
 * When no executor cut keeps the runs within the slowdown limit, but the slots idle through long driver-only
 * phases between bursts that need every slot: dynamic allocation with at most today's executors releases them
 * during the pauses (shuffle tracking keeps shuffle data reachable without an external shuffle service).
 * Null when the driver-only share is below `min_driver_only_share` (a person has to look), Spark is older than 3.0,
 * or releasing executors down to one would not save `min_saving` of the executor-hours (e.g. a burst that needs only
 * one executor; a job of one static executor never gets here: the rule is silent for it).
 */
export function dynamicAllocationInstead(
  latest: ApplicationSummary,
  runs: PreparedRun[],
  executors: number,
  t: { min_driver_only_share: number; max_slowdown: number; min_saving: number },
  header: string,
  nearest: string,
  values: Record<string, number | string | null>,
): DynamicInstead | null {
  const shares = runs.map((p) => driverOnlyMs(p) / Math.max(1, p.timeline.wall_ms));
  const share = Math.min(...shares);
  if (share < t.min_driver_only_share || !atLeast(latest.spark_version, 3, 0)) return null;
  const min = 1;
  const before = runs.reduce((sum, p) => sum + p.executor_ms, 0) / runs.length / HOUR_MS;
  const after = runs.reduce((sum, p) => sum + dynamicExecutorMs(p, min), 0) / runs.length / HOUR_MS;
  if (before <= 0 || 1 - after / before < t.min_saving) return null;
  const conf = (key: string): string | null => latest.spark_conf[key] ?? null;
  const rec = (key: string, proposed: string, reason: string): Recommendation => ({
    rule_id: ID, key, current: conf(key), proposed, reason,
    runtime_effect: 'about the same: executors are requested again when a burst starts (seconds each)',
  });
  const recommendations = [
    rec('spark.dynamicAllocation.enabled', 'true', `the driver works alone ${percent(share)} of the time or more while ${executors} executors wait`),
    rec('spark.dynamicAllocation.minExecutors', String(min), 'keep one executor through the driver-only phases'),
    rec('spark.dynamicAllocation.initialExecutors', String(min), 'start small (Spark starts with spark.executor.instances when that is larger)'),
    rec('spark.dynamicAllocation.maxExecutors', String(executors), `the bursts need all ${executors} executors`),
  ];
  if (conf('spark.shuffle.service.enabled')?.trim().toLowerCase() !== 'true') {
    recommendations.splice(1, 0, rec('spark.dynamicAllocation.shuffleTracking.enabled', 'true', 'no external shuffle service: executors keep the shuffle data still in use'));
  }
  return {
    title: `Executors wait through driver-only phases between stages that need all ${executors} of them`,
    detail:
      `${header} No executor cut keeps every run within ${percent(t.max_slowdown)} of its runtime and saves ${percent(t.min_saving)}${nearest}: ` +
      'stages fill every slot. ' +
      `But in ${plural(runs.length, 'run')} the driver worked alone ${percent(share)} of the wall time or more. Dynamic allocation with at most ` +
      `${executors} executors releases them after 60 s idle: about ${formatNumber(before)} → ${formatNumber(after)} executor-hours per run ` +
      '(an upper bound of the saving: executors holding shuffle data still in use stay).',
    recommendations,
    values: { ...values, min_driver_only_share: round(share, 3), executor_hours_dynamic: round(after, 3) },
  };
}

function driverOnlyMs(prepared: PreparedRun): number {
  const intervals = stageProfileOf(prepared.run)?.driver_only ?? [];
  return intervals.reduce((sum, [from, to]) => sum + Math.max(0, to - from), 0);
}
