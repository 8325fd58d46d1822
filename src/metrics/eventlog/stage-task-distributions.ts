import type { ApplicationSummary } from '../summary.js';
import type { TaskSpan } from './task-span.js';
import { taskSpread, type TaskSpread } from './task-spread.js';
import { durationSkew, ranksAbove, SKEW_SHUFFLE_READ_FLOOR_BYTES, skewRatio, type DurationSkew } from './task-skew.js';
import { ValueColumn } from './value-column.js';

/** The successful task values of one finished stage attempt, for quantiles (History Server's `taskSummary`). */
export interface StageTaskDistribution {
  stageId: number;
  attemptId: number;
  /** Task wall times (Finish − Launch, ms) of the successful attempts, ascending. */
  durationsMs: Float64Array;
  /** Shuffle bytes read (remote + local) by the same tasks, ascending. */
  shuffleReadBytes: Float64Array;
}

/** Receives each stage attempt's distribution once it is complete (the arrays are dropped afterwards). */
export type StageDistributionListener = (stage: StageTaskDistribution) => void;

/** Receives each stage attempt's task spread (every task attempt with both times, all end reasons) once it is complete. */
export type StageSpreadListener = (spread: TaskSpread) => void;

interface OpenStage {
  stageId: number;
  attemptId: number;
  durations: ValueColumn;
  shuffleReads: ValueColumn;
  launches: ValueColumn;
  finishes: ValueColumn;
  running: Set<number>;
  completed: boolean;
}

interface Worst {
  ratio: number;
  stageId: number;
}

interface WorstDuration extends DurationSkew {
  stageId: number;
}

/**
 * Per-stage-attempt task distributions and the skew columns they give. Values are kept in
 * typed arrays only while a stage attempt is open: it closes when its StageCompleted has been
 * seen and none of its tasks is still running (tasks of a failed attempt may end after it),
 * or at the end of the log. Like the History Server's task summary, only successful task
 * attempts count: failed and killed attempts stop early and would hide the real spread.
 */
export class StageTaskDistributions {
  private readonly open = new Map<string, OpenStage>();
  private readonly closed = new Set<string>();
  private worstDuration: WorstDuration | null = null;
  private worstShuffleRead: Worst | null = null;
  private measuredStages = 0;
  /** Task ends that arrived after their stage attempt was closed (not in its distribution). */
  lateTaskEnds = 0;

  constructor(private readonly listener?: StageDistributionListener, private readonly spreadListener?: StageSpreadListener) {}

  /** Stage attempts with enough successful tasks for a task-duration skew ratio. */
  get stagesMeasured(): number {
    return this.measuredStages;
  }

  onTaskStart(stageId: number, attemptId: number, taskId: number | undefined): void {
    const stage = this.stage(stageId, attemptId);
    if (stage && taskId !== undefined) stage.running.add(taskId);
  }

  /**
   * One TaskEnd; `durationMs` and `shuffleReadBytes` count only when the attempt succeeded, `span`
   * (for the stage profile's spread) whatever its end reason.
   */
  onTaskEnd(
    stageId: number, attemptId: number, taskId: number | undefined,
    success: { durationMs: number; shuffleReadBytes: number } | null, span: TaskSpan | null = null,
  ): void {
    const stage = this.stage(stageId, attemptId);
    if (!stage) {
      this.lateTaskEnds += 1;
      return;
    }
    if (taskId !== undefined) stage.running.delete(taskId);
    if (success) {
      stage.durations.push(success.durationMs);
      stage.shuffleReads.push(success.shuffleReadBytes);
    }
    if (span) {
      stage.launches.push(span.launch);
      stage.finishes.push(span.finish);
    }
    if (stage.completed && stage.running.size === 0) this.close(stage);
  }

  onStageCompleted(stageId: number, attemptId: number): void {
    const stage = this.stage(stageId, attemptId);
    if (!stage) return;
    stage.completed = true;
    if (stage.running.size === 0) this.close(stage);
  }

  /** Closes the stage attempts still open (incomplete logs, lost task ends) and fills the skew columns. */
  fill(row: ApplicationSummary): void {
    for (const stage of [...this.open.values()]) this.close(stage);
    row.max_task_skew_ratio = this.worstDuration?.ratio ?? null;
    row.skew_stage_id = this.worstDuration?.stageId ?? null;
    row.skew_stage_task_max_ms = this.worstDuration?.maxMs ?? null;
    row.max_shuffle_read_skew_ratio = this.worstShuffleRead?.ratio ?? null;
  }

  private stage(stageId: number, attemptId: number): OpenStage | undefined {
    const key = `${stageId}:${attemptId}`;
    if (this.closed.has(key)) return undefined;
    let stage = this.open.get(key);
    if (!stage) {
      stage = { stageId, attemptId, durations: new ValueColumn(), shuffleReads: new ValueColumn(),
        launches: new ValueColumn(), finishes: new ValueColumn(), running: new Set(), completed: false };
      this.open.set(key, stage);
    }
    return stage;
  }

  private close(stage: OpenStage): void {
    const key = `${stage.stageId}:${stage.attemptId}`;
    this.open.delete(key);
    this.closed.add(key);
    const durationsMs = stage.durations.sorted();
    const shuffleReadBytes = stage.shuffleReads.sorted();
    const skew = durationSkew(durationsMs);
    if (skew !== null) {
      this.measuredStages += 1;
      if (this.worstDuration === null || ranksAbove(skew, this.worstDuration)) this.worstDuration = { ...skew, stageId: stage.stageId };
    }
    this.worstShuffleRead = worse(this.worstShuffleRead, skewRatio(shuffleReadBytes, SKEW_SHUFFLE_READ_FLOOR_BYTES), stage.stageId);
    this.listener?.({ stageId: stage.stageId, attemptId: stage.attemptId, durationsMs, shuffleReadBytes });
    if (this.spreadListener && stage.launches.length > 0) {
      this.spreadListener(taskSpread(stage.stageId, stage.attemptId, stage.launches.view(), stage.finishes.view()));
    }
  }
}

function worse(current: Worst | null, ratio: number | null, stageId: number): Worst | null {
  if (ratio === null || (current !== null && current.ratio >= ratio)) return current;
  return { ratio, stageId };
}
