import type { ApplicationSummary } from '../metrics/summary.js';
import { maxOf } from './rule-helpers.js';

/**
 * The share of a run's GC time spent in major (old-generation or full) collections, from the executors' own GC
 * counters (`executor_major_gc_time_ms`); null when the run does not tell: no executor GC metrics (Spark before 3.0,
 * metrics never sampled), no task GC time, or unknown executor cores.
 *
 * Task GC time (`jvm_gc_time_ms`) counts a pause once for every task running through it, so up to `executor_cores`
 * times; divided by the cores it is at most the executors' own GC time, and this share at least the true one. A run
 * is therefore called young-generation GC only when even this upper bound is small.
 */
export function majorGcShare(run: ApplicationSummary): number | null {
  const major = run.executor_major_gc_time_ms;
  const taskGc = run.jvm_gc_time_ms;
  const cores = run.executor_cores;
  if (major === null || taskGc === null || taskGc <= 0 || cores === null || cores < 1) return null;
  return Math.min(1, major / (taskGc / cores));
}

/** The largest major-GC share over the runs that report one (the case for more heap, if any run makes it); else null. */
export function maxMajorGcShare(runs: ApplicationSummary[]): number | null {
  return maxOf(runs, majorGcShare);
}
