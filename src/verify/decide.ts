import type { RunSetMetrics, VerifyStatus, VerifyThresholds } from './types.js';

export interface Decision {
  status: VerifyStatus;
  /** One sentence: how the decision was made. */
  reason: string;
}

/**
 * DESIGN §10. Medians absorb noise: a single slow run moves the median little, so it is not a regression.
 * - not-deployed: no run since the merge carries the new values, but some still run with the old ones;
 * - not-enough-runs: fewer than `min_runs` successful runs with the new values;
 * - regressed: a memory-related failure the task did not have before, a median duration of successful runs
 *   worse by more than `max_slowdown`, or a share of failed runs that rose;
 * - verified: otherwise.
 */
export function decide(before: RunSetMetrics, after: RunSetMetrics, notDeployedRuns: number, thresholds: VerifyThresholds): Decision {
  if (after.runs === 0 && notDeployedRuns > 0) {
    return { status: 'not-deployed', reason: `${plural(notDeployedRuns, 'run')} since the merge still use the old values: the change is not deployed yet.` };
  }
  if (after.successful < thresholds.min_runs) {
    return {
      status: 'not-enough-runs',
      reason: `${plural(after.successful, 'successful run')} with the new values since the merge; ${thresholds.min_runs} are needed to decide.`,
    };
  }
  const limit = `limit +${Math.round(thresholds.max_slowdown * 100)}%`;
  const slowdown = before.median_duration_ms && after.median_duration_ms !== null ? after.median_duration_ms / before.median_duration_ms - 1 : null;
  const duration = slowdown === null
    ? 'median duration not measured before and after'
    : `median duration ${minutes(before.median_duration_ms)} → ${minutes(after.median_duration_ms)} (${signedPercent(slowdown)}, ${limit})`;
  const problems: string[] = [];
  if (before.memory_failure_runs === 0 && after.memory_failure_runs > 0) {
    problems.push(`${plural(after.memory_failure_runs, 'run')} with the new values had memory failures the task did not have before`);
  }
  if (slowdown !== null && slowdown > thresholds.max_slowdown) problems.push(duration);
  if (after.failed_share > before.failed_share) {
    problems.push(`failed runs rose from ${percent(before.failed_share)} to ${percent(after.failed_share)}`);
  }
  if (problems.length > 0) return { status: 'regressed', reason: `Regressed over ${plural(after.runs, 'run')}: ${problems.join('; ')}.` };
  const memory = after.memory_failure_runs === 0 ? 'no new memory failures' : 'memory failures no more than before';
  return { status: 'verified', reason: `Verified over ${plural(after.runs, 'run')}: ${duration}; ${memory}; failed runs ${percent(before.failed_share)} → ${percent(after.failed_share)}.` };
}

export function minutes(ms: number | null): string {
  if (ms === null) return 'n/a';
  const m = ms / 60_000;
  return m >= 10 ? `${Math.round(m)}m` : `${m.toFixed(1)}m`;
}

function signedPercent(ratio: number): string {
  const rounded = Math.round(ratio * 100);
  return `${rounded >= 0 ? '+' : ''}${rounded}%`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
