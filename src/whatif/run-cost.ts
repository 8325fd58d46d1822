import { DEFAULT_HEAP_MB, driverOverheadMb, executorOverheadMb } from '../diagnose/memory-math.js';
import type { Prices } from '../diagnose/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';

const HOUR_MS = 3_600_000;

/** Container sizes (MiB) to price: today's unless a proposal changes them. */
export interface Containers {
  executor_heap_mb: number;
  executor_overhead_mb: number;
  /** Null when the run does not report its driver's memory (the driver is then not priced). */
  driver_heap_mb: number | null;
  driver_overhead_mb: number | null;
}

/** Allocated resources of one run and their price. */
export interface RunCost {
  executor_hours: number;
  core_hours: number;
  /** Executor containers: lifetime × (heap + overhead). */
  gb_hours: number;
  /** The driver container: wall time × (heap + overhead), or null when unknown. */
  driver_gb_hours: number | null;
  cost_usd: number;
}

/** Today's container sizes of a run (heap plus overhead as Spark resolves it). */
export function containersOf(run: ApplicationSummary): Containers {
  const heap = run.executor_memory_mb ?? DEFAULT_HEAP_MB;
  const driver = run.driver_memory_mb;
  return {
    executor_heap_mb: heap,
    executor_overhead_mb: executorOverheadMb(run, heap),
    driver_heap_mb: driver,
    driver_overhead_mb: driver === null ? null : driverOverheadMb(run, driver),
  };
}

/**
 * What a run allocates and costs: executor lifetime × cores and × (heap + overhead), plus the driver
 * container for the wall time, at the prices (vCPU-hours and GB-hours, as DESIGN §3).
 */
export function runCost(executorMs: number, wallMs: number, cores: number, containers: Containers, prices: Prices): RunCost {
  const executorHours = executorMs / HOUR_MS;
  const gbHours = (executorHours * (containers.executor_heap_mb + containers.executor_overhead_mb)) / 1024;
  const driverGbHours =
    containers.driver_heap_mb === null ? null : ((wallMs / HOUR_MS) * (containers.driver_heap_mb + (containers.driver_overhead_mb ?? 0))) / 1024;
  const coreHours = executorHours * cores;
  return {
    executor_hours: executorHours,
    core_hours: coreHours,
    gb_hours: gbHours,
    driver_gb_hours: driverGbHours,
    cost_usd: coreHours * prices.vcpu_hour_usd + (gbHours + (driverGbHours ?? 0)) * prices.gb_hour_usd,
  };
}
