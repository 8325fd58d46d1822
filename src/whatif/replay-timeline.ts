import type { StageProfile, StageProfileStage } from '../metrics/stage-profile.js';
import { stageMakespan } from './stage-makespan.js';

/** A stretch of the run between two consecutive stage submissions or completions, and the stages running through it. */
interface Segment {
  ms: number;
  stages: StageProfileStage[];
}

/** A run's timeline cut into segments once, to replay it on many slot counts. */
export interface Timeline {
  /** The run's wall time, ms. */
  wall_ms: number;
  /** Segments with at least one profiled stage running. */
  segments: Segment[];
  /** Wall time with no profiled stage running (driver-only time, omitted stages, start and end): kept as is. */
  kept_ms: number;
  /** Today's slots (executors × tasks per executor). */
  slots: number;
}

export interface Replay {
  /** Predicted wall time, calibrated on the run (equal to today's at today's slots). */
  wall_ms: number;
  /** The same replay without calibration: each stage's modelled duration instead of its measured one. */
  raw_wall_ms: number;
}

/** Cuts a run's stage profile into time segments. `wallMs`: the run's duration (the last stage's end when unknown). */
export function timelineOf(profile: StageProfile, wallMs: number | null, slots: number): Timeline {
  const stages = profile.stages.filter((s) => s.complete_ms > s.submit_ms && s.tasks > 0);
  const wall = wallMs ?? Math.max(0, ...stages.map((s) => s.complete_ms));
  const cuts = [...new Set(stages.flatMap((s) => [s.submit_ms, s.complete_ms]))].sort((a, b) => a - b);
  const segments: Segment[] = [];
  let covered = 0;
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const from = cuts[i] ?? 0;
    const to = cuts[i + 1] ?? from;
    const running = stages.filter((s) => s.submit_ms <= from && s.complete_ms >= to);
    if (running.length === 0 || to <= from) continue;
    segments.push({ ms: to - from, stages: running });
    covered += to - from;
  }
  return { wall_ms: wall, segments, kept_ms: Math.max(0, wall - covered), slots: Math.max(1, slots) };
}

/** Replays a timeline on `slots` slots (WHATIF_METHOD). */
export function replay(timeline: Timeline, slots: number): Replay {
  let wall = timeline.kept_ms;
  let raw = timeline.kept_ms;
  for (const segment of timeline.segments) {
    const before = shares(segment.stages, timeline.slots, (s) => capBefore(s, timeline.slots));
    const after = shares(segment.stages, slots, (s) => capAfter(s, timeline.slots, slots));
    let stretch = 0;
    let rawStretch = 0;
    segment.stages.forEach((stage, i) => {
      const modelled = stageMakespan(stage, after[i] ?? 1);
      const measured = stage.complete_ms - stage.submit_ms;
      stretch = Math.max(stretch, calibrated(stage, measured, stageMakespan(stage, before[i] ?? 1), modelled) / measured);
      rawStretch = Math.max(rawStretch, modelled / measured);
    });
    wall += segment.ms * stretch;
    raw += segment.ms * rawStretch;
  }
  return { wall_ms: wall, raw_wall_ms: raw };
}

/**
 * A stage's predicted duration, calibrated on its measured one: the measured duration × the model's ratio between
 * the new and today's slots, but never shorter than the stage's longest task. Equal to `measured` when `modelled`
 * equals `today`; non-increasing in `modelled`.
 */
function calibrated(stage: StageProfileStage, measured: number, today: number, modelled: number): number {
  const scaled = today > 0 ? (measured * modelled) / today : measured;
  return Math.max(Math.min(stage.task_ms_max, measured), scaled);
}

/** The most tasks a stage ran at once today (its concurrency limit), at least 1 and at most the slots. */
function capBefore(stage: StageProfileStage, slotsBefore: number): number {
  const used = stage.max_running > 0 ? stage.max_running : stage.tasks;
  return Math.max(1, Math.min(used, slotsBefore));
}

/**
 * What a stage can run at once on the new slots: a stage that filled every slot today was limited by the slots
 * and can use up to one slot per task; one that ran fewer tasks at once than there were slots keeps that limit.
 */
function capAfter(stage: StageProfileStage, slotsBefore: number, slotsAfter: number): number {
  const slotBound = stage.max_running >= slotsBefore;
  return Math.min(slotsAfter, slotBound ? Math.max(1, stage.tasks) : capBefore(stage, slotsBefore));
}

/** Stages running together share the slots in proportion to what each can use. */
function shares(stages: StageProfileStage[], slots: number, cap: (stage: StageProfileStage) => number): number[] {
  const caps = stages.map(cap);
  const total = caps.reduce((sum, c) => sum + c, 0);
  const scale = total > slots ? slots / total : 1;
  return caps.map((c) => c * scale);
}
