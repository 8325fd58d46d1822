import { numberField, objectField, stringField, type JsonObject } from './json-fields.js';

/** When one task attempt ran: Launch and Finish Time, epoch ms. */
export interface TaskSpan {
  launch: number;
  finish: number;
}

/** A finished task's wall time (Finish − Launch), or null when either is missing or out of order. */
export function wallTime(info: JsonObject | undefined): number | null {
  const span = spanOf(info);
  return span === null ? null : span.finish - span.launch;
}

/**
 * When a TaskEnd's task attempt ran, whatever its end reason; null when its times are missing
 * or out of order, or for a `Resubmitted` end, which re-reports a map task that had already
 * ended (its output was lost) and so is not a second run.
 */
export function taskSpan(event: JsonObject): TaskSpan | null {
  if (stringField(objectField(event, 'Task End Reason'), 'Reason') === 'Resubmitted') return null;
  return spanOf(objectField(event, 'Task Info'));
}

function spanOf(info: JsonObject | undefined): TaskSpan | null {
  const launch = numberField(info, 'Launch Time');
  const finish = numberField(info, 'Finish Time');
  return launch !== undefined && finish !== undefined && finish >= launch && launch > 0 ? { launch, finish } : null;
}
