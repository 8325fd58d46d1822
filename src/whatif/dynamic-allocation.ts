import type { PreparedRun } from './predict-run.js';
import { stageProfileOf } from './profile-of.js';

/** Spark's `spark.dynamicAllocation.executorIdleTimeout` default: an idle executor is released after 60 s. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Executor lifetime (summed, ms) of a static run had it used dynamic allocation with at most today's executors:
 * every executor through the stages (the bursts may need them all), then through each driver-only interval only
 * until the idle timeout, and `minExecutors` for the rest of it. Wall time is taken as unchanged (requesting
 * executors again after a pause takes seconds). An upper bound of the saving: with shuffle tracking, executors
 * that hold shuffle data still in use stay past the timeout.
 */
export function dynamicExecutorMs(prepared: PreparedRun, minExecutors: number, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS): number {
  const { run, timeline, executors } = prepared;
  const gaps = (stageProfileOf(run)?.driver_only ?? []).map(([from, to]) => Math.max(0, to - from));
  const idle = gaps.reduce((sum, gap) => sum + gap, 0);
  const released = gaps.reduce((sum, gap) => sum + Math.max(0, gap - idleTimeoutMs) * (executors - Math.min(minExecutors, executors)), 0);
  const staticMs = executors * timeline.wall_ms;
  if (staticMs <= 0 || idle <= 0) return prepared.executor_ms;
  // keep what was measured apart from the released time (executors start after the driver, end before it)
  return Math.max(0, prepared.executor_ms * (1 - released / staticMs));
}
