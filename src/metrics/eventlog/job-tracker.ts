import type { ApplicationSummary } from '../summary.js';
import { numberField, objectField, stringField, type JsonObject } from './json-fields.js';

/**
 * Jobs: counted from JobEnd events (a log may lose JobStarts; `tasks_executors_fail` has 80
 * ends and 75 starts) plus jobs still running at the end. Remembers whether the last job to
 * finish failed with no later success, which decides a failed application before Spark 4.
 */
export class JobTracker {
  private readonly running = new Map<number, number | null>();
  private ended = 0;
  private failed = 0;
  private maxDurationMs: number | null = null;
  endsWithoutStart = 0;
  /** The failure message of the last job to end, while no later job has succeeded. */
  lastFailure: string | null = null;

  onJobStart(event: JsonObject): void {
    const jobId = numberField(event, 'Job ID');
    if (jobId === undefined) return;
    this.running.set(jobId, numberField(event, 'Submission Time') ?? null);
  }

  onJobEnd(event: JsonObject): void {
    const jobId = numberField(event, 'Job ID') ?? -1;
    this.ended += 1;
    if (!this.running.has(jobId)) this.endsWithoutStart += 1;
    const submitted = this.running.get(jobId) ?? null;
    this.running.delete(jobId);
    const completed = numberField(event, 'Completion Time');
    if (submitted !== null && completed !== undefined && completed >= submitted) {
      this.maxDurationMs = Math.max(this.maxDurationMs ?? 0, completed - submitted);
    }
    const result = objectField(event, 'Job Result');
    if (stringField(result, 'Result') === 'JobSucceeded') {
      this.lastFailure = null;
      return;
    }
    this.failed += 1;
    const message = stringField(objectField(result, 'Exception'), 'Message');
    this.lastFailure = firstLine(message) ?? `job ${jobId} failed`;
  }

  fill(row: ApplicationSummary): void {
    row.jobs_total = this.ended + this.running.size;
    row.jobs_failed = this.failed;
    row.job_duration_max_ms = this.maxDurationMs;
  }
}

/** The first non-empty line of a message, at most 500 characters. */
export function firstLine(message: string | undefined): string | null {
  const line = message?.split('\n').find((part) => part.trim() !== '')?.trim();
  if (!line) return null;
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
