import { hadMemoryFailure } from '../diagnose/failure-causes.js';
import { DEFAULT_PRICES } from '../diagnose/impact.js';
import { driverOverheadMb, executorOverheadMb } from '../diagnose/memory-math.js';
import type { Prices } from '../diagnose/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { RunSetMetrics } from './types.js';

const HOUR_MS = 3_600_000;

/** Median and p95 duration, failures, spill, GC share, allocated GB-hours, core-hours and cost of a set of runs. */
export function runSetMetrics(runs: ApplicationSummary[], prices: Prices = DEFAULT_PRICES): RunSetMetrics {
  const successful = runs.filter((run) => run.status === 'succeeded');
  const failed = runs.filter((run) => run.status === 'failed');
  const memoryFailureRuns = runs.filter(hadMemoryFailure).length;
  const allocated = successful.flatMap((run) => {
    const gb = gbHours(run);
    return gb === null || run.executor_core_ms_allocated === null ? [] : [{ gb, cores: run.executor_core_ms_allocated / HOUR_MS, driverGb: driverGbHours(run) }];
  });
  const gb = mean(allocated.map((a) => a.gb));
  const cores = mean(allocated.map((a) => a.cores));
  const driver = mean(allocated.map((a) => a.driverGb));
  return {
    runs: runs.length,
    successful: successful.length,
    memory_failure_runs: memoryFailureRuns,
    other_failed_runs: failed.filter((run) => !hadMemoryFailure(run)).length,
    failed_share: runs.length === 0 ? 0 : failed.length / runs.length,
    median_duration_ms: quantile(successful.map((run) => run.duration_ms), 0.5),
    p95_duration_ms: quantile(successful.map((run) => run.duration_ms), 0.95),
    median_spill_bytes: quantile(successful.map((run) => run.memory_bytes_spilled), 0.5),
    median_gc_share: quantile(successful.map((run) => run.gc_time_ratio), 0.5),
    gb_hours: gb,
    core_hours: cores,
    cost_usd: gb === null || cores === null ? null : cores * prices.vcpu_hour_usd + (gb + (driver ?? 0)) * prices.gb_hour_usd,
  };
}

/** Allocated executor GB-hours of a run: executor heap lifetime × (heap + overhead) / heap. */
function gbHours(run: ApplicationSummary): number | null {
  const heap = run.executor_memory_mb;
  if (!heap || run.executor_memory_mb_ms_allocated === null) return null;
  return (run.executor_memory_mb_ms_allocated * ((heap + executorOverheadMb(run, heap)) / heap)) / 1024 / HOUR_MS;
}

function driverGbHours(run: ApplicationSummary): number | null {
  const heap = run.driver_memory_mb;
  if (heap === null || run.duration_ms === null) return null;
  return (run.duration_ms * (heap + driverOverheadMb(run, heap))) / 1024 / HOUR_MS;
}

function mean(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((sum, v) => sum + v, 0) / known.length;
}

/** The q-quantile by linear interpolation between the closest ranks; null when nothing is known. */
export function quantile(values: (number | null)[], q: number): number | null {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  return low + ((sorted[upper] ?? low) - low) * (position - lower);
}
