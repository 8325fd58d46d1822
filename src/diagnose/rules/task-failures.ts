import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { isMemoryCause } from '../failure-causes.js';
import { percent, round, silent } from '../rule-helpers.js';
import type { Recommendation, Rule, RuleOutcome } from '../types.js';

export interface FailureThresholds extends Record<string, number> {
  /** Failed task attempts / all task attempts at or above this [DESIGN §3: 0.05]. */
  min_task_failure_rate: number;
  /** Fetch failures: raise spark.shuffle.io.maxRetries to this (Spark: 3) … */
  fetch_max_retries: number;
  /** … and spark.shuffle.io.retryWait to this many seconds (Spark: 5s). */
  fetch_retry_wait_s: number;
}

const ID = 'task-failures';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'status', 'failure_reason', 'tasks_total', 'tasks_failed', 'fetch_failures', 'executor_lost_failures', 'stages_failed', 'stage_attempts_retried',
];
/** Causes that only follow another failure (a lost map output is recomputed). */
const FOLLOW_UPS = new Set(['Resubmitted', 'FetchFailed', 'TaskKilled']);

export const taskFailures: Rule<FailureThresholds> = {
  id: ID,
  doc: 'Runs fail, or lose many tasks, fetches or stages, for a cause other than memory: the cause-specific fix, or a person.',
  kind: 'reliability',
  defaults: { min_task_failure_rate: 0.05, fetch_max_retries: 10, fetch_retry_wait_s: 30 },
  evaluate(input, t, metricSource): RuleOutcome {
    const fetchRuns = input.runs.filter((run) => (run.fetch_failures ?? 0) > 0 && !memoryOnly(run));
    const otherRuns = input.runs.filter((run) => otherFailure(run, t));
    const affected = input.runs.filter((run) => fetchRuns.includes(run) || otherRuns.includes(run));
    const latest = input.runs.at(-1);
    if (affected.length === 0 || !latest) return silent();
    const recs = fetchRuns.length > 0 ? retryRecommendations(latest, t) : [];
    const causes = topCauses(affected);
    const failedRuns = affected.filter((run) => run.status === 'failed');
    const lines: string[] = [];
    if (failedRuns.length > 0) {
      const reason = failedRuns.at(-1)?.failure_reason;
      lines.push(`${failedRuns.length} of ${input.runs.length} runs in the window failed${reason ? ` (latest: ${reason})` : ''}.`);
    }
    if (fetchRuns.length > 0) {
      const fetches = fetchRuns.reduce((n, run) => n + (run.fetch_failures ?? 0), 0);
      const lost = fetchRuns.reduce((n, run) => n + (run.executor_lost_failures ?? 0), 0);
      lines.push(
        `${fetches} shuffle fetch failure(s) in ${fetchRuns.length} run(s) made Spark retry stages` +
          (lost > 0 ? `; ${lost} task(s) were lost with their executors, so check node health and spot interruptions too.` : '.'),
      );
    }
    if (causes.length > 0) lines.push(`Top failure causes: ${causes.join(', ')}.`);
    const needsHuman = otherRuns.length > 0 || recs.length === 0;
    lines.push(
      needsHuman
        ? 'No configuration change explains these failures: a person has to look at the logs.'
        : 'Retrying shuffle fetches longer rides out transient network trouble and long GC pauses on the serving executor.',
    );
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'reliability',
        title: title(failedRuns.length, fetchRuns.length, otherRuns.length, input.runs.length),
        detail: lines.join(' '),
        evidence: evidenceOf(affected, COLUMNS, metricSource, {
          runs_failed: failedRuns.length,
          runs_with_fetch_failures: fetchRuns.length,
          max_task_failure_rate: round(Math.max(0, ...affected.map(failureRate)), 3),
          top_causes: causes.join('; ') || null,
        }),
        recommendations: needsHuman ? [] : recs,
        needs_human: needsHuman,
      },
    };
  },
};

function failureRate(run: ApplicationSummary): number {
  return (run.tasks_total ?? 0) > 0 ? (run.tasks_failed ?? 0) / (run.tasks_total ?? 1) : 0;
}

/** Every recorded failure of the run is about memory (the memory rules own it). */
function memoryOnly(run: ApplicationSummary): boolean {
  const causes = run.failure_causes.filter((cause) => !FOLLOW_UPS.has(cause.cause));
  const texts = [...causes.map((cause) => cause.cause), ...(run.status === 'failed' && run.failure_reason ? [run.failure_reason] : [])];
  if (texts.length === 0) return (run.oom_failures ?? 0) > 0;
  return texts.every(isMemoryCause);
}

/** A failed run, or one with many failed tasks, for a cause that is not memory nor only fetch failures. */
function otherFailure(run: ApplicationSummary, t: FailureThresholds): boolean {
  if (memoryOnly(run)) return false;
  const causes = run.failure_causes.filter((cause) => !FOLLOW_UPS.has(cause.cause) && !isMemoryCause(cause.cause));
  if (run.status === 'failed') return true;
  return failureRate(run) >= t.min_task_failure_rate && causes.length > 0;
}

function topCauses(runs: ApplicationSummary[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) for (const cause of run.failure_causes) counts.set(cause.cause, (counts.get(cause.cause) ?? 0) + cause.count);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([cause, n]) => `${cause} ×${n}`);
}

function title(failed: number, fetch: number, other: number, total: number): string {
  if (failed > 0) return `${failed} of ${total} runs failed`;
  if (other > 0) return `${other} of ${total} runs lost at least ${percent(0.05)} of their tasks`;
  return `Shuffle fetch failures in ${fetch} of ${total} runs`;
}

function retryRecommendations(latest: ApplicationSummary, t: FailureThresholds): Recommendation[] {
  const recs: Recommendation[] = [];
  const retries = latest.spark_conf['spark.shuffle.io.maxRetries'] ?? null;
  if (Number(retries ?? 3) < t.fetch_max_retries) {
    recs.push({
      rule_id: ID,
      key: 'spark.shuffle.io.maxRetries',
      current: retries,
      proposed: String(t.fetch_max_retries),
      reason: 'shuffle fetches failed; more retries ride out transient failures',
      runtime_effect: 'fewer stage retries: faster when fetches fail (not quantified)',
    });
  }
  const wait = latest.spark_conf['spark.shuffle.io.retryWait'] ?? null;
  if (seconds(wait ?? '5s') < t.fetch_retry_wait_s) {
    recs.push({
      rule_id: ID,
      key: 'spark.shuffle.io.retryWait',
      current: wait,
      proposed: `${t.fetch_retry_wait_s}s`,
      reason: 'shuffle fetches failed; a longer wait outlasts GC pauses and network blips',
      runtime_effect: 'fewer stage retries: faster when fetches fail (not quantified)',
    });
  }
  return recs;
}

function seconds(text: string): number {
  const match = /^\s*(\d+)\s*(ms|s|m|min|h)?\s*$/i.exec(text);
  if (!match) return Number.POSITIVE_INFINITY;
  const unit = (match[2] ?? 's').toLowerCase();
  const factor: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600 };
  return Number(match[1]) * (factor[unit] ?? 1);
}
