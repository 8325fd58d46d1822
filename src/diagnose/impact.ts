import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { WHATIF_METHOD } from '../whatif/method.js';
import { dynamicExecutorMs } from '../whatif/dynamic-allocation.js';
import { predictRun, prepareRun } from '../whatif/predict-run.js';
import { containersOf, runCost, type Containers, type RunCost } from '../whatif/run-cost.js';
import { coresOf, executorMsOf, executorsOf } from '../whatif/run-slots.js';
import { driverOverheadMb, executorOverheadMb } from './memory-math.js';
import type { Impact, Prices, Recommendation } from './types.js';

export { defaultOverheadMb } from './memory-math.js';

/** EMR Serverless us-east-1 list prices (DESIGN §3). */
export const DEFAULT_PRICES: Prices = { vcpu_hour_usd: 0.052624, gb_hour_usd: 0.0057785 };

interface RunImpact {
  before: RunCost;
  after: RunCost;
  wall_before: number | null;
  wall_after: number | null;
  /** The run's executors or cores change and the estimator replayed its stage profile. */
  replayed: boolean;
  /** The run's executors or cores change but it has no stage profile: executor time is left as measured. */
  unpredicted: boolean;
}

/**
 * Allocated GB-hours and core-hours per run, before and after the recommendations, averaged over the runs
 * that measured executor lifetimes with the newest run's resource settings. Executor memory counts heap plus
 * overhead (what a container is billed for). When the executors (static instances, a maxExecutors below what a
 * run used, dynamic allocation turned on) or the cores change, the what-if estimator (WHATIF_METHOD) replays
 * each run's stage profile to predict its wall time and executor lifetime; a run without a profile keeps its
 * measured executor time (no saving is credited for it, and the impact counts it in `runtime_unpredicted_runs`).
 * The driver container (heap + overhead × wall time) is counted apart and priced when the runs report its memory.
 */
export function estimateImpact(runs: ApplicationSummary[], recs: Recommendation[], prices: Prices = DEFAULT_PRICES): Impact | null {
  const measurable = runs.filter(
    (run) => (run.executor_memory_mb ?? 0) > 0 && run.executor_memory_mb_ms_allocated !== null && run.executor_core_ms_allocated !== null,
  );
  const latest = measurable.at(-1);
  if (!latest) return null;
  // "before" is today's configuration: runs configured otherwise (older settings) do not count
  const measured = measurable.filter((run) => sameShape(run, latest)).map((run) => runImpact(run, recs, prices));
  const n = measured.length;
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / n;
  const side = (pick: (r: RunImpact) => RunCost) => ({
    gb: mean(measured.map((r) => pick(r).gb_hours)),
    cores: mean(measured.map((r) => pick(r).core_hours)),
    driver: measured.every((r) => pick(r).driver_gb_hours !== null) ? mean(measured.map((r) => pick(r).driver_gb_hours ?? 0)) : null,
  });
  const before = side((r) => r.before);
  const after = side((r) => r.after);
  const impact: Impact = {
    runs: n,
    gb_hours_before: before.gb,
    gb_hours_after: after.gb,
    core_hours_before: before.cores,
    core_hours_after: after.cores,
    cost_before_usd: before.cores * prices.vcpu_hour_usd + (before.gb + (before.driver ?? 0)) * prices.gb_hour_usd,
    cost_after_usd: after.cores * prices.vcpu_hour_usd + (after.gb + (after.driver ?? 0)) * prices.gb_hour_usd,
    prices,
    runtime_effect: runtimeEffect(recs),
    runtime_method: measured.some((r) => r.replayed) ? WHATIF_METHOD : measured.some((r) => r.unpredicted) ? RUNTIME_NOT_PREDICTED : RUNTIME_AS_MEASURED,
  };
  const walls = measured.filter((r) => r.wall_before !== null && r.wall_after !== null);
  if (walls.length === n) {
    impact.runtime_ms_before = mean(walls.map((r) => r.wall_before ?? 0));
    impact.runtime_ms_after = mean(walls.map((r) => r.wall_after ?? 0));
  }
  const unpredicted = measured.filter((r) => r.unpredicted).length;
  if (unpredicted > 0) impact.runtime_unpredicted_runs = unpredicted;
  if (before.driver !== null && after.driver !== null) {
    impact.driver_gb_hours_before = before.driver;
    impact.driver_gb_hours_after = after.driver;
  }
  return impact;
}

/** The runtime method of an impact whose recommendations change neither executors nor cores. */
export const RUNTIME_AS_MEASURED = 'as measured (executors and cores unchanged)';

/** … and of one whose executor change could not be replayed (no stage profile): no saving is credited for it. */
export const RUNTIME_NOT_PREDICTED = 'not predicted: no stage profile; executor time left as measured';

function runImpact(run: ApplicationSummary, recs: Recommendation[], prices: Prices): RunImpact {
  const proposed = (key: string): string | undefined => recs.find((rec) => rec.key === key)?.proposed;
  const today = containersOf(run);
  const heap = parseMemoryMb(proposed('spark.executor.memory')) ?? today.executor_heap_mb;
  const driverHeap = run.duration_ms === null ? null : (parseMemoryMb(proposed('spark.driver.memory')) ?? today.driver_heap_mb);
  const containers: Containers = {
    executor_heap_mb: heap,
    executor_overhead_mb: parseMemoryMb(proposed('spark.executor.memoryOverhead')) ?? executorOverheadMb(run, heap),
    driver_heap_mb: driverHeap,
    driver_overhead_mb: driverHeap === null ? null : driverOverheadMb(run, driverHeap),
  };
  const priceToday: Containers = { ...today, ...(run.duration_ms === null ? { driver_heap_mb: null, driver_overhead_mb: null } : {}) };
  const executorMs = executorMsOf(run) ?? 0;
  const wall = run.duration_ms;
  const cores = coresOf(run);
  const change = executorChange(run, proposed);
  const before = runCost(executorMs, wall ?? 0, cores, priceToday, prices);
  const unchanged = { before, wall_before: wall, replayed: false, unpredicted: false };
  if (!change) return { ...unchanged, after: runCost(executorMs, wall ?? 0, cores, containers, prices), wall_after: wall };
  const prepared = prepareRun(run);
  if ('problem' in prepared) return { ...unchanged, after: runCost(executorMs, wall ?? 0, change.cores, containers, prices), wall_after: wall, unpredicted: true };
  if (change.dynamic) {
    const min = Number(proposed('spark.dynamicAllocation.minExecutors') ?? 0);
    const after = runCost(dynamicExecutorMs(prepared, Number.isFinite(min) ? min : 0), wall ?? 0, change.cores, containers, prices);
    return { ...unchanged, after, wall_after: wall, replayed: true };
  }
  const replay = predictRun(prepared, { executors: change.executors, cores: change.cores });
  return {
    ...unchanged,
    after: runCost(replay.executor_ms_after, replay.wall_ms_after, change.cores, containers, prices),
    wall_after: replay.wall_ms_after,
    replayed: true,
  };
}

const SHAPE: (keyof ApplicationSummary)[] = [
  'executor_memory_mb', 'executor_memory_overhead_mb', 'executor_cores', 'executor_instances', 'dynamic_allocation_enabled',
  'dynamic_allocation_max_executors', 'driver_memory_mb',
];

function sameShape(run: ApplicationSummary, latest: ApplicationSummary): boolean {
  return SHAPE.every((column) => run[column] === latest[column]);
}

/**
 * The executors and cores a run would have after the recommendations: fewer static instances, a maxExecutors
 * below what the run used, other cores per executor, or dynamic allocation turned on; null when none changes.
 */
function executorChange(run: ApplicationSummary, proposed: (key: string) => string | undefined): { executors: number; cores: number; dynamic: boolean } | null {
  const used = executorsOf(run);
  const cores = coresOf(run);
  if (used === null) return null;
  const count = (key: string): number | null => {
    const value = Number(proposed(key));
    return proposed(key) !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : null;
  };
  const fixed = run.dynamic_allocation_enabled !== true;
  let executors = used;
  const instances = count('spark.executor.instances');
  if (fixed && instances !== null) executors = instances;
  const max = count('spark.dynamicAllocation.maxExecutors');
  if (max !== null) executors = Math.min(executors, max);
  const coresAfter = count('spark.executor.cores') ?? cores;
  const dynamic = fixed && proposed('spark.dynamicAllocation.enabled')?.trim().toLowerCase() === 'true';
  if (executors === used && coresAfter === cores && !dynamic) return null;
  return { executors, cores: coresAfter, dynamic };
}

/** The expected runtime effect of all the recommendations, key by key. */
function runtimeEffect(recs: Recommendation[]): string {
  if (recs.length === 0) return 'none expected';
  return recs.map((rec) => `${rec.key}: ${rec.runtime_effect ?? 'not estimated'}`).join('; ');
}
