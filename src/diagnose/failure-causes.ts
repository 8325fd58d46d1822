import type { ApplicationSummary } from '../metrics/summary.js';

/**
 * The JVM heap ran out: OutOfMemoryError (Java heap space, GC overhead limit exceeded), or an executor
 * that exited with Spark's OOM exit code 52.
 */
const HEAP_OOM = /OutOfMemoryError|Java heap space|GC overhead limit exceeded|exit code 52\b/i;

/**
 * The container was killed for its memory limit, outside the heap: YARN's "exceeding physical memory
 * limits", exit codes 137 (SIGKILL, also Kubernetes' OOMKilled) and 143 (SIGTERM from the node manager).
 */
const CONTAINER_KILLED = /exceeding\b[^.]{0,40}\bmemory limits?|killed by YARN|OOMKilled|exit (?:code|status)[: ]*(?:137|143)\b/i;

/**
 * Failures of a run matching `pattern`: the counts of its matching task failure causes, or 1 when only
 * the run's own failure reason matches (an application that failed for it).
 */
function countFailures(run: ApplicationSummary, matches: (text: string) => boolean): number {
  const tasks = run.failure_causes.filter((cause) => matches(cause.cause)).reduce((n, cause) => n + Math.max(1, cause.count), 0);
  if (tasks > 0) return tasks;
  return run.failure_reason && matches(run.failure_reason) ? 1 : 0;
}

/** Task failures (or the application failure) of a run caused by an exhausted heap. */
export function heapOomCount(run: ApplicationSummary): number {
  return countFailures(run, (text) => HEAP_OOM.test(text) && !CONTAINER_KILLED.test(text));
}

/** Task failures (or the application failure) of a run whose container was killed for exceeding its memory limit. */
export function containerKillCount(run: ApplicationSummary): number {
  return countFailures(run, (text) => CONTAINER_KILLED.test(text));
}

/** True for a run that lost tasks or executors to memory: OOM, container killed for its memory limit. */
export function hadMemoryFailure(run: ApplicationSummary): boolean {
  return (run.oom_failures ?? 0) > 0 || heapOomCount(run) > 0 || containerKillCount(run) > 0;
}

/** Whether a failure text is about memory (heap or container limit). */
export function isMemoryCause(text: string): boolean {
  return HEAP_OOM.test(text) || CONTAINER_KILLED.test(text);
}
