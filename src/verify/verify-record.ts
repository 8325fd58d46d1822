import { DEFAULT_PRICES } from '../diagnose/impact.js';
import type { Prices } from '../diagnose/types.js';
import type { MetricsQuery } from '../metrics/source.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { decide } from './decide.js';
import { runSetMetrics } from './run-metrics.js';
import { splitRuns } from './split-runs.js';
import { DEFAULT_VERIFY_THRESHOLDS, type TaskVerification, type TuningRecord, type VerifyThresholds } from './types.js';

const DAY_MS = 86_400_000;

export interface VerifyOptions {
  thresholds?: VerifyThresholds;
  prices?: Prices;
}

/**
 * Every tuned task of a merged record, compared: its runs in the PR's evidence window against the runs since
 * `mergedAt` (epoch ms) that carry the proposed values. `summaries` may hold any runs: they are picked by
 * the record's DAG id and each change's task id.
 */
export function verifyRecord(record: TuningRecord, mergedAt: number, summaries: ApplicationSummary[], options: VerifyOptions = {}): TaskVerification[] {
  const thresholds = options.thresholds ?? DEFAULT_VERIFY_THRESHOLDS;
  const prices = options.prices ?? DEFAULT_PRICES;
  const taskIds = [...new Set(record.changes.map((change) => change.task_id))].sort();
  return taskIds.map((taskId) => {
    const changes = record.changes.filter((change) => change.task_id === taskId);
    const runs = summaries.filter((run) => run.dag_id === record.dag_id && run.task_id === taskId);
    const split = splitRuns(runs, changes, mergedAt, record.window);
    const before = runSetMetrics(split.before, prices);
    const after = runSetMetrics(split.deployed, prices);
    const decision = decide(before, after, split.notDeployed.length, thresholds);
    return {
      dag_id: record.dag_id,
      task_id: taskId,
      fingerprint: record.fingerprint,
      status: decision.status,
      reason: decision.reason,
      changes,
      before,
      after,
      not_deployed_runs: split.notDeployed.length,
      runs_per_day: runsPerDay([...split.deployed, ...split.notDeployed]),
    };
  });
}

/** Runs per day over the span of the runs since the merge: (n − 1) intervals between the first and last start. */
function runsPerDay(after: ApplicationSummary[]): number | null {
  const starts = after.map((run) => run.start_time ?? 0);
  if (starts.length < 2) return null;
  const span = Math.max(...starts) - Math.min(...starts);
  return span <= 0 ? null : ((starts.length - 1) / span) * DAY_MS;
}

/** The metrics query a sweep runs for one record: its DAG, from the evidence window's start until now. */
export function verifyQuery(record: TuningRecord, now: number): MetricsQuery {
  return { dag_id: record.dag_id, task_id: null, since: record.window.since, until: now };
}
