import type { ApplicationSummary } from '../metrics/summary.js';
import { WHATIF_METHOD } from './method.js';
import { stageProfileOf } from './profile-of.js';
import { replay, timelineOf, type Timeline } from './replay-timeline.js';
import { coresOf, executorMsOf, executorsOf, tasksPerExecutor } from './run-slots.js';

/** Another executor count (and optionally cores per executor) for a run. */
export interface WhatIfProposal {
  executors: number;
  /** Cores per executor; today's when null. */
  cores: number | null;
}

/** A run's wall time and executor lifetime today, and predicted with the proposal. */
export interface RunReplay {
  method: string;
  executors_before: number;
  executors_after: number;
  cores_before: number;
  cores_after: number;
  slots_before: number;
  slots_after: number;
  wall_ms_before: number;
  wall_ms_after: number;
  /** The uncalibrated replay at today's slots: how well the model reproduces the run's own duration. */
  raw_wall_ms_today: number;
  /** Executor lifetime summed over executors, ms. */
  executor_ms_before: number;
  executor_ms_after: number;
}

/** A run prepared for replays at many executor counts (the timeline is cut once). */
export interface PreparedRun {
  run: ApplicationSummary;
  timeline: Timeline;
  executors: number;
  cores: number;
  executor_ms: number;
}

/** Prepares a run for what-if replays, or says why it cannot be replayed. */
export function prepareRun(run: ApplicationSummary): PreparedRun | { problem: string } {
  // local and local[N] run tasks in the driver's JVM; local-cluster[N,C,M] has real executors
  if (/^local(\[|$)/.test(run.master ?? '')) return { problem: 'local mode: one JVM, no executors to change' };
  const profile = stageProfileOf(run);
  if (!profile) return { problem: 'no stage profile in its summary row' };
  const executors = executorsOf(run);
  if (executors === null) return { problem: 'no executor count measured or configured' };
  const executorMs = executorMsOf(run);
  if (executorMs === null) return { problem: 'no executor lifetime measured' };
  const cores = coresOf(run);
  return { run, timeline: timelineOf(profile, run.duration_ms, executors * tasksPerExecutor(run, cores)), executors, cores, executor_ms: executorMs };
}

/**
 * Predicts a run's wall time and executor lifetime with another executor count and cores (WHATIF_METHOD).
 * Executors are assumed to live as long as the run, as they did today: their summed lifetime scales with the
 * executor count and the predicted wall time.
 */
export function predictRun(prepared: PreparedRun, proposal: WhatIfProposal): RunReplay {
  const { run, timeline, executors, cores } = prepared;
  const coresAfter = proposal.cores ?? cores;
  const slotsAfter = proposal.executors * tasksPerExecutor(run, coresAfter);
  const after = replay(timeline, slotsAfter);
  const today = replay(timeline, timeline.slots);
  const wallRatio = timeline.wall_ms > 0 ? after.wall_ms / timeline.wall_ms : 1;
  return {
    method: WHATIF_METHOD,
    executors_before: executors,
    executors_after: proposal.executors,
    cores_before: cores,
    cores_after: coresAfter,
    slots_before: timeline.slots,
    slots_after: slotsAfter,
    wall_ms_before: timeline.wall_ms,
    wall_ms_after: after.wall_ms,
    raw_wall_ms_today: today.raw_wall_ms,
    executor_ms_before: prepared.executor_ms,
    executor_ms_after: prepared.executor_ms * (proposal.executors / executors) * wallRatio,
  };
}
