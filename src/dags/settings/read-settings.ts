import { lineAt, type DagDocument, type TaskView } from '../document.js';
import type { TaskSettings } from '../family.js';
import { isTemplate, readScalar, type EditableText } from '../values/editable-text.js';
import type { ScalarValue, Value } from '../values/value.js';

/** Where settings are read: which family, for which task, in which file; results go to `into`. */
export interface SettingReader {
  family: string;
  task: TaskView;
  document: DagDocument;
  into: TaskSettings;
}

/** How an occurrence counts. */
export interface Occurrence {
  precedence: number;
  /** Where it is written, for notes: "its conf entry". */
  label: string;
  /** Written in another task (its id): it applies, but is never edited for this task. */
  owner?: string;
  /** Said after the task in problems: "executor_memory=". */
  subject?: string;
  /** Part of a command-line word. */
  word?: boolean;
}

/** Reads one value as the setting `key`; a value that is not one plain string or number becomes a problem. */
export function readSetting(reader: SettingReader, key: string, value: Value, occurrence: Occurrence): void {
  const taskId = reader.task.task_id ?? '';
  const reading = readScalar(value);
  if (reading.kind === 'problem') {
    const subject = occurrence.subject ? ` (${occurrence.subject})` : '';
    const owner = occurrence.owner ? ` (set in task ${occurrence.owner})` : '';
    const reason = `the value of ${key} for task ${taskId}${subject}${owner} ${reading.reason} (line ${value.line})`;
    reader.into.problems.push({ key, precedence: occurrence.precedence, reason });
    return;
  }
  pushSetting(reader, key, reading.editable, reading.scalar, occurrence);
}

/** Records a setting whose value characters are `editable`, inside `scalar`. */
export function pushSetting(
  reader: SettingReader, key: string, editable: EditableText, scalar: ScalarValue, occurrence: Occurrence,
): void {
  const { text, range } = editable;
  reader.into.settings.push({
    family: reader.family,
    task_id: occurrence.owner ?? reader.task.task_id ?? '',
    key,
    value: text,
    range,
    line: lineAt(reader.document.source, range.start),
    precedence: occurrence.precedence,
    literal: scalar.kind === 'number' && editable.text === scalar.text ? 'number' : 'string',
    via: scalar.via,
    label: occurrence.label,
    foreign: occurrence.owner !== undefined,
    scalar,
    word: occurrence.word ?? false,
  });
}

/**
 * Reads every entry of a dict of Spark properties (`conf=`, `spark_conf`, `properties`). `what` names it in
 * problems ("the conf of task load"); `keyOf` maps a written key to a Spark key (or null to skip it).
 */
export function readPropertiesDict(
  reader: SettingReader, value: Value | null | undefined, what: string, occurrence: Occurrence,
  keyOf: (key: string) => string | null = (key) => key,
): void {
  if (!value || value.kind === 'null') return;
  const { precedence } = occurrence;
  if (value.kind !== 'dict') {
    reader.into.problems.push({ key: null, precedence, reason: `${what} ${notADict(value)} (line ${value.line})` });
    return;
  }
  for (const problem of value.problems) {
    const reason = `${what} ${problem.reason} (line ${problem.line}), so its settings cannot be read safely`;
    reader.into.problems.push({ key: null, precedence, reason });
  }
  for (const entry of value.entries) {
    const key = keyOf(entry.key);
    if (key !== null) readSetting(reader, key, entry.value, occurrence);
  }
}

/** Why a value that should be a dict (or a list) is not one: ends a sentence. */
export function notADict(value: Value, expected: 'dict' | 'list' = 'dict'): string {
  if (value.kind === 'opaque') return value.reason;
  if (value.kind === 'string' && isTemplate(value.text)) return 'is an Airflow template ({{ … }}), rendered only at run time';
  if (value.kind === 'list' || value.kind === 'dict') return `is a ${value.kind}, not a ${expected}`;
  return `is ${value.kind === 'string' || value.kind === 'number' ? `a ${value.kind}` : value.text}, not a ${expected}`;
}

/** ` in SPARK_CONF` when the value is held in a module constant (or YAML anchor), else ''. */
export function heldIn(value: Value): string {
  const holder = value.via.at(-1);
  return holder ? ` in ${holder.name}` : '';
}
