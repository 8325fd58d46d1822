import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { DEFAULT_HEAP_MB, driverOverheadMb, executorOverheadMb } from './memory-math.js';
import type { Recommendation } from './types.js';

/** Settings whose lowering takes resources (memory, overhead, cores, executors) away from a job. */
export const RESOURCE_KEYS = new Set([
  'spark.executor.memory',
  'spark.executor.memoryOverhead',
  'spark.executor.cores',
  'spark.executor.instances',
  'spark.dynamicAllocation.maxExecutors',
  'spark.driver.memory',
]);

/**
 * The amount a resource setting gives the job, in MiB or a count: the recommendation's value, or for
 * `current` the value the run had — Spark's default when it was unset (1g heaps, 10% overhead, an
 * unbounded maxExecutors, the executors the run actually had). Null when it is not a resource setting.
 */
export function resourceAmount(key: string, value: string | null, run: ApplicationSummary | undefined): number | null {
  if (!RESOURCE_KEYS.has(key)) return null;
  if (key.endsWith('memory') || key.endsWith('memoryOverhead')) {
    const parsed = parseMemoryMb(value);
    if (parsed !== null) return parsed;
    if (value !== null || !run) return null;
    if (key === 'spark.executor.memory') return run.executor_memory_mb ?? DEFAULT_HEAP_MB;
    if (key === 'spark.driver.memory') return run.driver_memory_mb ?? DEFAULT_HEAP_MB;
    return key.startsWith('spark.driver') ? driverOverheadMb(run, run.driver_memory_mb ?? DEFAULT_HEAP_MB) : executorOverheadMb(run, run.executor_memory_mb ?? DEFAULT_HEAP_MB);
  }
  if (value !== null) {
    const count = Number(value);
    return Number.isFinite(count) ? count : null;
  }
  if (key === 'spark.dynamicAllocation.maxExecutors') return Number.POSITIVE_INFINITY;
  if (key === 'spark.executor.cores') return run?.executor_cores ?? 1;
  return run?.executors_max_concurrent ?? null;
}

/** Whether a recommendation lowers a resource below what the run had. */
export function isResourceCut(rec: Recommendation, run: ApplicationSummary | undefined): boolean {
  const before = resourceAmount(rec.key, rec.current, run);
  const after = resourceAmount(rec.key, rec.proposed, run);
  return before !== null && after !== null && after < before;
}

/** Whether a recommendation raises a resource above what the run had. */
export function isResourceRaise(rec: Recommendation, run: ApplicationSummary | undefined): boolean {
  const before = resourceAmount(rec.key, rec.current, run);
  const after = resourceAmount(rec.key, rec.proposed, run);
  return before !== null && after !== null && after > before;
}
