import type { ApplicationSummary } from '../summary.js';
import { numberField, objectField, stringField, type JsonObject } from './json-fields.js';
import type { TaskMetricValues } from './task-metrics.js';

interface StageAttempt {
  spilled: boolean;
}

/**
 * Stage attempts that ran: (stage id, attempt) pairs seen in StageSubmitted, StageCompleted or
 * a task event. Stages a job skipped appear only in JobStart's `Stage Infos` and are not
 * counted. A StageCompleted with a `Failure Reason` is a failed stage attempt.
 */
export class StageTracker {
  private readonly attempts = new Map<string, StageAttempt>();
  private failed = 0;
  private retried = 0;
  private maxDurationMs: number | null = null;

  onStageSubmitted(event: JsonObject): void {
    this.attempt(objectField(event, 'Stage Info'), 'Stage ID', 'Stage Attempt ID');
  }

  onStageCompleted(event: JsonObject): void {
    const info = objectField(event, 'Stage Info');
    this.attempt(info, 'Stage ID', 'Stage Attempt ID');
    if (stringField(info, 'Failure Reason') !== undefined) this.failed += 1;
    const submitted = numberField(info, 'Submission Time');
    const completed = numberField(info, 'Completion Time');
    if (submitted !== undefined && completed !== undefined && completed >= submitted) {
      this.maxDurationMs = Math.max(this.maxDurationMs ?? 0, completed - submitted);
    }
  }

  onTaskStart(event: JsonObject): void {
    this.attempt(event, 'Stage ID', 'Stage Attempt ID');
  }

  onTaskEnd(event: JsonObject, metrics: TaskMetricValues): void {
    const stage = this.attempt(event, 'Stage ID', 'Stage Attempt ID');
    if (stage && metrics.memorySpilled + metrics.diskSpilled > 0) stage.spilled = true;
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
      stage = { spilled: false };
      this.attempts.set(key, stage);
      if (attemptId > 0) this.retried += 1;
    }
    return stage;
  }
}
