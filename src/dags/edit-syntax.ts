import type { TaskView } from './document.js';
import type { EditableText } from './values/editable-text.js';
import type { DictValue, ListValue, ScalarValue } from './values/value.js';

/**
 * One change to the source: the text at [start, end) must still be `expected` (and, for an insertion, the text
 * just before `start` must end with `preceding`); it becomes `replacement`.
 */
export interface Splice {
  start: number;
  end: number;
  expected: string;
  replacement: string;
  preceding?: string;
}

/** A value to write as a new literal. */
export type NewValue =
  | { kind: 'string' | 'number'; text: string }
  | { kind: 'dict'; entries: NewEntry[] };

/** A new dict entry or keyword argument. */
export interface NewEntry {
  key: string;
  value: NewValue;
}

/** Splices, or why the insertion cannot be written (ends a sentence). */
export type SpliceResult = { kind: 'splices'; splices: Splice[] } | { kind: 'refused'; reason: string };

/** A successful result. */
export function splices(list: Splice[]): SpliceResult {
  return { kind: 'splices', splices: list };
}

/** A refusal; `reason` ends a sentence. */
export function refused(reason: string): SpliceResult {
  return { kind: 'refused', reason };
}

/**
 * How a format writes new text in the file's own style (quotes, indentation, trailing commas, line endings).
 * Each function returns splices that only add text (or, for a scalar, replace its own characters).
 */
export interface EditSyntax {
  /** Writes `value` over `text`, characters of a string or number scalar (quoting it if the format must). */
  replaceScalar(scalar: ScalarValue, text: EditableText, value: string): SpliceResult;
  /** Adds entries at the end of a dict. */
  appendEntries(dict: DictValue, entries: NewEntry[]): SpliceResult;
  /** Adds keyword arguments at the end of a task's arguments. */
  appendArguments(task: TaskView, entries: NewEntry[]): SpliceResult;
  /**
   * Inserts items after item `after` of a list (-1: before the first), `perLine` items to a line when the list
   * is written one or more items per line.
   */
  insertItems(list: ListValue, after: number, items: string[], perLine: number): SpliceResult;
  /** Appends words to a string scalar's text (a `sparkSubmitParameters` string), with one space before them. */
  appendWords(scalar: ScalarValue, words: string): SpliceResult;
}
