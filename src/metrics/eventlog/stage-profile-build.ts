import type { StageProfile, StageProfileStage } from '../stage-profile.js';
import type { Interval } from './longest-intervals.js';

/** How many stage attempts the profile keeps: those holding the most task time. */
export const STAGE_PROFILE_LIMIT = 100;

/** What the summarizer gathers about one stage attempt for its profile (epoch ms, bytes). */
export interface StageTimes {
  stageId: number;
  attemptId: number;
  /** Earliest `Submission Time` of its StageSubmitted/StageCompleted; latest `Completion Time`. */
  submitted: number | null;
  completed: number | null;
  /** TaskEnds other than `Resubmitted`; of those, the ones with a launch and finish time (measured). */
  tasks: number;
  measured: number;
  sumMs: number;
  maxMs: number;
  firstLaunch: number | null;
  lastFinish: number | null;
  /** From the stage attempt's task spread, once it closed. */
  p50Ms: number;
  p95Ms: number;
  maxRunning: number;
  inputBytes: number;
  shuffleReadBytes: number;
  shuffleWriteBytes: number;
}

export function newStageTimes(stageId: number, attemptId: number): StageTimes {
  return {
    stageId, attemptId, submitted: null, completed: null, tasks: 0, measured: 0, sumMs: 0, maxMs: 0, firstLaunch: null, lastFinish: null,
    p50Ms: 0, p95Ms: 0, maxRunning: 0, inputBytes: 0, shuffleReadBytes: 0, shuffleWriteBytes: 0,
  };
}

/**
 * The stage profile of one application attempt, or null when it cannot be placed in time (no
 * start time) or no stage attempt has a task with both times. Kept: the STAGE_PROFILE_LIMIT stage
 * attempts with the most task time (ties: lower stage id, then attempt), in submission order;
 * the others, including those without a measured task, are counted in `omitted_stages` and
 * their task time in `omitted_task_ms`. A stage without a submission (completion) time starts
 * at its first task's launch (ends at its last task's finish). Times are ms since `startTime`,
 * clipped to [0, duration] (to [0, ∞) when the end is unknown); a stage never completes before
 * it was submitted; driver-only intervals empty after clipping are dropped.
 */
export function buildStageProfile(
  stages: Iterable<StageTimes>, startTime: number | null, endTime: number | null, driverOnly: readonly Interval[],
): StageProfile | null {
  if (startTime === null) return null;
  const all = [...stages];
  const ranked = all.filter((stage) => stage.measured > 0)
    .sort((a, b) => b.sumMs - a.sumMs || a.stageId - b.stageId || a.attemptId - b.attemptId);
  if (ranked.length === 0) return null;
  const kept = ranked.slice(0, STAGE_PROFILE_LIMIT);
  const since = (time: number): number => {
    const ms = Math.max(0, time - startTime);
    return endTime === null ? ms : Math.min(ms, Math.max(0, endTime - startTime));
  };
  const profiled = kept.map((stage) => profileStage(stage, since))
    .sort((a, b) => a.submit_ms - b.submit_ms || a.stage_id - b.stage_id || a.attempt_id - b.attempt_id);
  return {
    version: 1,
    stages: profiled,
    driver_only: driverOnly.map(([from, to]): Interval => [since(from), since(to)]).filter(([from, to]) => to > from),
    omitted_stages: all.length - kept.length,
    omitted_task_ms: ranked.slice(STAGE_PROFILE_LIMIT).reduce((sum, stage) => sum + stage.sumMs, 0),
  };
}

function profileStage(stage: StageTimes, since: (time: number) => number): StageProfileStage {
  const submit = since(stage.submitted ?? stage.firstLaunch ?? 0);
  const complete = since(stage.completed ?? stage.lastFinish ?? 0);
  return {
    stage_id: stage.stageId,
    attempt_id: stage.attemptId,
    submit_ms: submit,
    complete_ms: Math.max(submit, complete),
    tasks: stage.tasks,
    task_ms_sum: stage.sumMs,
    task_ms_p50: stage.p50Ms,
    task_ms_p95: stage.p95Ms,
    task_ms_max: stage.maxMs,
    max_running: stage.maxRunning,
    input_bytes: stage.inputBytes,
    shuffle_read_bytes: stage.shuffleReadBytes,
    shuffle_write_bytes: stage.shuffleWriteBytes,
  };
}
