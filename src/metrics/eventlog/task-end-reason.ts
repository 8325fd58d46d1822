import { objectField, stringField, type JsonObject } from './json-fields.js';

export type TaskOutcome = 'succeeded' | 'failed' | 'killed';

export interface TaskEndClass {
  outcome: TaskOutcome;
  /** A short, aggregatable label for failure_causes (null for successes and kills). */
  cause: string | null;
  fetchFailure: boolean;
  executorLost: boolean;
  /** OutOfMemoryError, exit code 137/143/52, or a container killed for exceeding memory limits. */
  oom: boolean;
}

const KILLED_REASONS = new Set(['TaskKilled', 'TaskCommitDenied']);
const OOM_TEXT = /OutOfMemoryError|exceeding\b[^.]{0,40}\bmemory limits?/i;
const EXIT_CODE = /\bexit(?:ed)?(?: with)?(?: (?:code|status))?(?: is)?\s*[:=]?\s*(\d+)\b/i;
const OOM_EXIT_CODES = new Set(['137', '143', '52']);

/**
 * How the History Server counts a TaskEnd (`AppStatusListener.onTaskEnd`): `Success` completed;
 * `TaskKilled` and `TaskCommitDenied` killed; `Resubmitted` and every other reason failed.
 * Without a `Task End Reason` the `Task Info` flags decide.
 */
export function classifyTaskEnd(event: JsonObject): TaskEndClass {
  const reasonObject = objectField(event, 'Task End Reason');
  const reason = stringField(reasonObject, 'Reason') ?? reasonFromFlags(objectField(event, 'Task Info'));
  if (reason === 'Success') return outcome('succeeded', null);
  if (KILLED_REASONS.has(reason)) return outcome('killed', null);
  if (reason === 'FetchFailed') return { ...outcome('failed', 'FetchFailed'), fetchFailure: true };
  if (reason === 'ExecutorLostFailure') return executorLost(stringField(reasonObject, 'Loss Reason') ?? '');
  if (reason === 'ExceptionFailure') return exceptionFailure(reasonObject);
  return outcome('failed', reason);
}

function exceptionFailure(reason: JsonObject | undefined): TaskEndClass {
  const className = stringField(reason, 'Class Name') ?? 'unknown exception';
  const text = [className, stringField(reason, 'Description'), stringField(reason, 'Full Stack Trace')].join('\n');
  return { ...outcome('failed', `ExceptionFailure: ${className}`), oom: OOM_TEXT.test(text) };
}

function executorLost(lossReason: string): TaskEndClass {
  const exitCode = EXIT_CODE.exec(lossReason)?.[1];
  const overLimit = OOM_TEXT.test(lossReason);
  let cause = 'ExecutorLostFailure';
  if (overLimit) cause += ' (exceeding memory limits)';
  else if (exitCode !== undefined) cause += ` (exit code ${exitCode})`;
  const oom = overLimit || (exitCode !== undefined && OOM_EXIT_CODES.has(exitCode));
  return { ...outcome('failed', cause), executorLost: true, oom };
}

function reasonFromFlags(info: JsonObject | undefined): string {
  if (info?.Killed === true) return 'TaskKilled';
  if (info?.Failed === true) return 'UnknownReason';
  return 'Success';
}

function outcome(kind: TaskOutcome, cause: string | null): TaskEndClass {
  return { outcome: kind, cause, fetchFailure: false, executorLost: false, oom: false };
}
