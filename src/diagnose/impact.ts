import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { driverOverheadMb, executorOverheadMb } from './memory-math.js';
import type { Impact, Prices, Recommendation } from './types.js';

export { defaultOverheadMb } from './memory-math.js';

/** EMR Serverless us-east-1 list prices (DESIGN §3). */
export const DEFAULT_PRICES: Prices = { vcpu_hour_usd: 0.052624, gb_hour_usd: 0.0057785 };

const HOUR_MS = 3_600_000;

interface Allocated {
  gb: number;
  cores: number;
  driverGb: number | null;
}

/**
 * Allocated GB-hours and core-hours per run, before and after the recommendations, averaged over the runs
 * that measured executor lifetimes with the newest run's resource settings. Executor memory counts heap plus overhead (what a container is billed
 * for); fewer executors (instances, or a maxExecutors below what a run used) scale executor time down, as if
 * each run took as long as before. The driver container (heap + overhead × run time) is counted apart and
 * priced in the costs when the runs report the driver's memory.
 */
export function estimateImpact(runs: ApplicationSummary[], recs: Recommendation[], prices: Prices = DEFAULT_PRICES): Impact | null {
  const measurable = runs.filter(
    (run) => (run.executor_memory_mb ?? 0) > 0 && run.executor_memory_mb_ms_allocated !== null && run.executor_core_ms_allocated !== null,
  );
  const latest = measurable.at(-1);
  if (!latest) return null;
  // "before" is today's configuration: runs configured otherwise (older settings) do not count
  const measured = measurable.filter((run) => sameShape(run, latest));
  const before = measured.map((run) => allocated(run, []));
  const after = measured.map((run) => allocated(run, recs));
  const n = measured.length;
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / n;
  const driverBefore = before.every((a) => a.driverGb !== null) ? mean(before.map((a) => a.driverGb ?? 0)) : null;
  const driverAfter = after.every((a) => a.driverGb !== null) ? mean(after.map((a) => a.driverGb ?? 0)) : null;
  const impact: Impact = {
    runs: n,
    gb_hours_before: mean(before.map((a) => a.gb)),
    gb_hours_after: mean(after.map((a) => a.gb)),
    core_hours_before: mean(before.map((a) => a.cores)),
    core_hours_after: mean(after.map((a) => a.cores)),
    cost_before_usd: 0,
    cost_after_usd: 0,
    prices,
    runtime_effect: runtimeEffect(recs),
  };
  impact.cost_before_usd = impact.core_hours_before * prices.vcpu_hour_usd + (impact.gb_hours_before + (driverBefore ?? 0)) * prices.gb_hour_usd;
  impact.cost_after_usd = impact.core_hours_after * prices.vcpu_hour_usd + (impact.gb_hours_after + (driverAfter ?? 0)) * prices.gb_hour_usd;
  if (driverBefore !== null && driverAfter !== null) {
    impact.driver_gb_hours_before = driverBefore;
    impact.driver_gb_hours_after = driverAfter;
  }
  return impact;
}

function allocated(run: ApplicationSummary, recs: Recommendation[]): Allocated {
  const proposed = (key: string): string | undefined => recs.find((rec) => rec.key === key)?.proposed;
  const heapBefore = run.executor_memory_mb ?? 0;
  const heap = parseMemoryMb(proposed('spark.executor.memory')) ?? heapBefore;
  const overhead = parseMemoryMb(proposed('spark.executor.memoryOverhead')) ?? executorOverheadMb(run, heap);
  const executorMs = ((run.executor_memory_mb_ms_allocated ?? 0) / heapBefore) * executorScale(run, proposed);
  const coresBefore = run.executor_cores ?? 0;
  const cores = Number(proposed('spark.executor.cores') ?? coresBefore);
  const coreScale = coresBefore > 0 && Number.isFinite(cores) ? cores / coresBefore : 1;
  const driverHeapBefore = run.driver_memory_mb;
  let driverGb: number | null = null;
  if (driverHeapBefore !== null && run.duration_ms !== null) {
    const driverHeap = parseMemoryMb(proposed('spark.driver.memory')) ?? driverHeapBefore;
    driverGb = (run.duration_ms * (driverHeap + driverOverheadMb(run, driverHeap))) / 1024 / HOUR_MS;
  }
  return {
    gb: (executorMs * (heap + overhead)) / 1024 / HOUR_MS,
    cores: ((run.executor_core_ms_allocated ?? 0) * executorScale(run, proposed) * coreScale) / HOUR_MS,
    driverGb,
  };
}

const SHAPE: (keyof ApplicationSummary)[] = [
  'executor_memory_mb', 'executor_memory_overhead_mb', 'executor_cores', 'executor_instances', 'dynamic_allocation_enabled',
  'dynamic_allocation_max_executors', 'driver_memory_mb',
];

function sameShape(run: ApplicationSummary, latest: ApplicationSummary): boolean {
  return SHAPE.every((column) => run[column] === latest[column]);
}

/** The share of executor time left after fewer static instances, or a maxExecutors below what the run used. */
function executorScale(run: ApplicationSummary, proposed: (key: string) => string | undefined): number {
  const used = run.executors_max_concurrent ?? run.executor_instances;
  const instances = Number(proposed('spark.executor.instances'));
  const max = Number(proposed('spark.dynamicAllocation.maxExecutors'));
  let scale = 1;
  const fixed = run.dynamic_allocation_enabled !== true;
  if (fixed && Number.isFinite(instances) && proposed('spark.executor.instances') !== undefined && (run.executor_instances ?? 0) > 0) {
    scale = Math.min(scale, instances / (run.executor_instances ?? 1));
  }
  if (Number.isFinite(max) && proposed('spark.dynamicAllocation.maxExecutors') !== undefined && (used ?? 0) > 0) {
    scale = Math.min(scale, max / (used ?? 1));
  }
  return scale;
}

/** The expected runtime effect of all the recommendations, key by key. */
function runtimeEffect(recs: Recommendation[]): string {
  if (recs.length === 0) return 'none expected';
  return recs.map((rec) => `${rec.key}: ${rec.runtime_effect ?? 'not estimated'}`).join('; ');
}
