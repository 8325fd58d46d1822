import type { StageProfile, StageProfileStage } from '../../src/metrics/stage-profile.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { run } from './runs.js';

/** One phase of a simulated run: the driver working alone, or a stage of tasks (durations in ms). */
export type Phase = { driver_ms: number } | { tasks: number[] };

/** A simulated run: its stage profile, duration, and how long it takes on other slot counts (exact list scheduling). */
export interface SimulatedRun {
  profile: StageProfile;
  duration_ms: number;
}

/** Places tasks in order, each on the slot that frees first (Spark's scheduler with locality off): the makespan and most at once. */
export function listSchedule(tasks: number[], slots: number): { makespan: number; max_running: number } {
  const free = Array.from({ length: Math.max(1, slots) }, () => 0);
  for (const task of tasks) {
    let best = 0;
    for (let i = 1; i < free.length; i += 1) if ((free[i] ?? 0) < (free[best] ?? 0)) best = i;
    free[best] = (free[best] ?? 0) + task;
  }
  return { makespan: Math.max(...free), max_running: Math.min(tasks.length, free.length) };
}

/** Runs the phases one after the other on `slots` slots and records the stage profile Spark's events would give. */
export function simulate(phases: Phase[], slots: number): SimulatedRun {
  const stages: StageProfileStage[] = [];
  const driverOnly: Array<[number, number]> = [];
  let clock = 0;
  for (const phase of phases) {
    if ('driver_ms' in phase) {
      driverOnly.push([clock, clock + phase.driver_ms]);
      clock += phase.driver_ms;
      continue;
    }
    const { makespan, max_running } = listSchedule(phase.tasks, slots);
    const sorted = [...phase.tasks].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    stages.push({
      stage_id: stages.length, attempt_id: 0, submit_ms: clock, complete_ms: clock + makespan, tasks: phase.tasks.length,
      task_ms_sum: phase.tasks.reduce((s, t) => s + t, 0), task_ms_p50: at(0.5), task_ms_p95: at(0.95), task_ms_max: sorted.at(-1) ?? 0,
      max_running, input_bytes: null, shuffle_read_bytes: null, shuffle_write_bytes: null,
    });
    clock += makespan;
  }
  return { profile: { version: 1, stages, driver_only: driverOnly, omitted_stages: 0, omitted_task_ms: 0 }, duration_ms: clock };
}

/** The exact duration of the phases on `slots` slots. */
export function exactDuration(phases: Phase[], slots: number): number {
  return simulate(phases, slots).duration_ms;
}

/** A successful static-allocation run of daily_sales.load_orders (support/runs) that ran `phases` on `executors` × `cores`. */
export function profiledRun(daysAgo: number, phases: Phase[], executors: number, cores = 4, overrides: Partial<ApplicationSummary> = {}): ApplicationSummary {
  const sim = simulate(phases, executors * cores);
  const busy = sim.profile.stages.reduce((s, st) => s + st.task_ms_sum, 0);
  const executorMs = executors * sim.duration_ms;
  return run(daysAgo, null, {
    duration_ms: sim.duration_ms,
    executor_cores: cores,
    executor_instances: executors,
    executors_max_concurrent: executors,
    dynamic_allocation_enabled: false,
    spark_conf: { 'spark.executor.memory': '16g', 'spark.executor.instances': String(executors), 'spark.executor.cores': String(cores) },
    executor_memory_mb_ms_allocated: executorMs * 16384,
    executor_core_ms_allocated: executorMs * cores,
    executor_core_ms_used: busy,
    slot_utilization: busy / (executorMs * cores),
    driver_only_time_ms: sim.profile.driver_only.reduce((s, [a, b]) => s + b - a, 0),
    stage_profile: sim.profile,
    ...overrides,
  });
}
