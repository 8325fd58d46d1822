import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { Impact, Prices, Recommendation } from './types.js';

/** EMR Serverless us-east-1 list prices (DESIGN §3). */
export const DEFAULT_PRICES: Prices = { vcpu_hour_usd: 0.052624, gb_hour_usd: 0.0057785 };

const HOUR_MS = 3_600_000;

/** Spark's default overhead when none is set: 10% of the heap, at least 384 MiB. */
export function defaultOverheadMb(memoryMb: number): number {
  return Math.max(384, Math.floor(memoryMb * 0.1));
}

/**
 * Allocated executor GB-hours and core-hours per run, before and after the recommendations, averaged over
 * the runs that measured executor lifetimes. Memory counts heap plus overhead (what a container is billed for).
 */
export function estimateImpact(runs: ApplicationSummary[], recs: Recommendation[], prices: Prices = DEFAULT_PRICES): Impact | null {
  const measured = runs.filter(
    (run) => (run.executor_memory_mb ?? 0) > 0 && run.executor_memory_mb_ms_allocated !== null && run.executor_core_ms_allocated !== null,
  );
  if (measured.length === 0) return null;
  const proposedMemory = recs.find((rec) => rec.key === 'spark.executor.memory');
  const newMemoryMb = proposedMemory ? parseMemoryMb(proposedMemory.proposed) : null;

  let gbBefore = 0;
  let gbAfter = 0;
  let coreHours = 0;
  for (const run of measured) {
    const memoryMb = run.executor_memory_mb ?? 0;
    const executorMs = (run.executor_memory_mb_ms_allocated ?? 0) / memoryMb;
    const overheadFor = (heapMb: number): number => run.executor_memory_overhead_mb ?? defaultOverheadMb(heapMb);
    const afterMb = newMemoryMb ?? memoryMb;
    gbBefore += (executorMs * (memoryMb + overheadFor(memoryMb))) / 1024 / HOUR_MS;
    gbAfter += (executorMs * (afterMb + overheadFor(afterMb))) / 1024 / HOUR_MS;
    coreHours += (run.executor_core_ms_allocated ?? 0) / HOUR_MS;
  }
  const n = measured.length;
  const impact = {
    runs: n,
    gb_hours_before: gbBefore / n,
    gb_hours_after: gbAfter / n,
    core_hours_before: coreHours / n,
    core_hours_after: coreHours / n,
  };
  return {
    ...impact,
    cost_before_usd: impact.core_hours_before * prices.vcpu_hour_usd + impact.gb_hours_before * prices.gb_hour_usd,
    cost_after_usd: impact.core_hours_after * prices.vcpu_hour_usd + impact.gb_hours_after * prices.gb_hour_usd,
    prices,
  };
}
