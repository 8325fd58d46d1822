import type { ApplicationSummary } from '../summary.js';
import { numberField, objectField, stringField, type JsonObject } from './json-fields.js';
import { newStageTimes, type StageTimes } from './stage-profile-build.js';
import type { TaskMetricValues } from './task-metrics.js';
import { taskSpan } from './task-span.js';
import type { TaskSpread } from './task-spread.js';

interface StageAttempt {
  spilled: boolean;
  times: StageTimes;
}

/**
 * Stage attempts that ran: (stage id, attempt) pairs seen in StageSubmitted, StageCompleted or
 * a task event. Stages a job skipped appear only in JobStart's `Stage Infos` and are not
 * counted. A StageCompleted with a `Failure Reason` is a failed stage attempt. Also gathers
 * each attempt's times, task time and bytes for the stage profile.
 */
export class StageTracker {
  private readonly attempts = new Map<string, StageAttempt>();
  private failed = 0;
  private retried = 0;
  private maxDurationMs: number | null = null;

  onStageSubmitted(event: JsonObject): void {
    const info = objectField(event, 'Stage Info');
    const stage = this.attempt(info, 'Stage ID', 'Stage Attempt ID');
    if (stage) noteSubmission(stage.times, numberField(info, 'Submission Time'));
  }

  onStageCompleted(event: JsonObject): void {
    const info = objectField(event, 'Stage Info');
    const stage = this.attempt(info, 'Stage ID', 'Stage Attempt ID');
    if (stringField(info, 'Failure Reason') !== undefined) this.failed += 1;
    const submitted = numberField(info, 'Submission Time');
    const completed = numberField(info, 'Completion Time');
    if (submitted !== undefined && completed !== undefined && completed >= submitted) {
      this.maxDurationMs = Math.max(this.maxDurationMs ?? 0, completed - submitted);
    }
    if (!stage) return;
    noteSubmission(stage.times, submitted);
    if (completed !== undefined && completed > 0) stage.times.completed = Math.max(stage.times.completed ?? completed, completed);
  }

  onTaskStart(event: JsonObject): void {
    this.attempt(event, 'Stage ID', 'Stage Attempt ID');
  }

  onTaskEnd(event: JsonObject, metrics: TaskMetricValues): void {
    const stage = this.attempt(event, 'Stage ID', 'Stage Attempt ID');
    if (!stage) return;
    if (metrics.memorySpilled + metrics.diskSpilled > 0) stage.spilled = true;
    const times = stage.times;
    times.inputBytes += metrics.input;
    times.shuffleReadBytes += metrics.shuffleRead;
    times.shuffleWriteBytes += metrics.shuffleWrite;
    if (stringField(objectField(event, 'Task End Reason'), 'Reason') === 'Resubmitted') return;
    times.tasks += 1;
    const span = taskSpan(event);
    if (!span) return;
    times.measured += 1;
    times.sumMs += span.finish - span.launch;
    times.maxMs = Math.max(times.maxMs, span.finish - span.launch);
    times.firstLaunch = Math.min(times.firstLaunch ?? span.launch, span.launch);
    times.lastFinish = Math.max(times.lastFinish ?? span.finish, span.finish);
  }

  /** A stage attempt's task spread, once its distribution closed. */
  onTaskSpread(spread: TaskSpread): void {
    const stage = this.attempts.get(`${spread.stageId}:${spread.attemptId}`);
    if (!stage) return;
    stage.times.p50Ms = spread.p50Ms;
    stage.times.p95Ms = spread.p95Ms;
    stage.times.maxRunning = spread.maxRunning;
  }

  /** Every stage attempt's profile figures (complete once the task distributions have closed). */
  stageTimes(): StageTimes[] {
    return [...this.attempts.values()].map((stage) => stage.times);
  }

  fill(row: ApplicationSummary): void {
    row.stages_total = this.attempts.size;
    row.stages_failed = this.failed;
    row.stage_attempts_retried = this.retried;
    row.stages_with_spill = [...this.attempts.values()].filter((stage) => stage.spilled).length;
    row.stage_duration_max_ms = this.maxDurationMs;
  }

  private attempt(source: JsonObject | undefined, idKey: string, attemptKey: string): StageAttempt | undefined {
    const stageId = numberField(source, idKey);
    if (stageId === undefined) return undefined;
    const attemptId = numberField(source, attemptKey) ?? 0;
    const key = `${stageId}:${attemptId}`;
    let stage = this.attempts.get(key);
    if (!stage) {
      stage = { spilled: false, times: newStageTimes(stageId, attemptId) };
      this.attempts.set(key, stage);
      if (attemptId > 0) this.retried += 1;
    }
    return stage;
  }
}

function noteSubmission(times: StageTimes, submitted: number | undefined): void {
  if (submitted !== undefined && submitted > 0) times.submitted = Math.min(times.submitted ?? submitted, submitted);
}
