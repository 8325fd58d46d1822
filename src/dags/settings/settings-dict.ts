import type { NewEntry } from '../edit-syntax.js';
import { PRECEDENCE, type Addition } from '../family.js';
import type { DictValue, Value } from '../values/value.js';
import { valueOf } from '../values/value.js';
import { addToDict, nestedEntry, stringEntry } from './additions.js';
import { heldIn, notADict, readPropertiesDict, readSetting, type SettingReader } from './read-settings.js';

/**
 * A dict that sets Spark properties through fields of its own (`executorMemory`, `cores`), which win over the
 * properties dict it also holds (`conf`, `sparkConf`): Azure Synapse's Livy payload, a SparkApplication's driver
 * and executor specs.
 */
export interface FieldsDict {
  /** The dict, as found in the task. */
  dict: DictValue;
  /** Names it in problems and notes: "the payload of task load". */
  what: string;
  /** Field → the Spark property it sets. */
  fields: Readonly<Record<string, string>>;
  /** Fields whose values are whole numbers (written as numbers when added). */
  integers: ReadonlySet<string>;
}

/** Reads the fields of a dict as dedicated settings (they win over conf entries). */
export function readFields(reader: SettingReader, place: FieldsDict): void {
  for (const [field, key] of Object.entries(place.fields)) {
    const value = valueOf(place.dict, field);
    if (!value || value.kind === 'null') continue;
    const label = `the ${field} of ${place.what.replace(/ of task .*$/, '')}${heldIn(place.dict)}`;
    readSetting(reader, key, value, { precedence: PRECEDENCE.dedicatedArgument, label, subject: field });
  }
}

/** Reads a dict of Spark properties held under `field` of `parent` (absent: nothing). */
export function readConfField(reader: SettingReader, parent: DictValue, field: string, what: string): void {
  const conf = valueOf(parent, field);
  const label = `its ${field} entry${conf ? heldIn(conf) : ''}`;
  readPropertiesDict(reader, conf, `the ${field} of ${what}`, { precedence: PRECEDENCE.confEntry, label });
}

/** Records that a value that should hold settings is not a dict: every key is hidden. */
export function notADictProblem(reader: SettingReader, what: string, value: Value): void {
  const reason = `${what} ${notADict(value)} (line ${value.line}), so its settings cannot be read safely`;
  reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
}

/** Records the problems of a dict (`**other` merged in, computed keys): every key is hidden. */
export function dictProblems(reader: SettingReader, what: string, dict: DictValue): void {
  for (const problem of dict.problems) {
    const reason = `${what} ${problem.reason} (line ${problem.line}), so its settings cannot be read safely`;
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
  }
}

/** The field of `fields` that sets `key`, or null. */
export function fieldFor(fields: Readonly<Record<string, string>>, key: string): string | null {
  return Object.entries(fields).find(([, property]) => property === key)?.[0] ?? null;
}

/** A new field entry (a whole number where the field takes one), or why it cannot be written. */
export function fieldEntry(field: string, value: string, integers: ReadonlySet<string>): NewEntry | string {
  if (!integers.has(field)) return stringEntry(field, value);
  if (!/^[1-9][0-9]*$/.test(value)) return `${field} takes a whole number, not ${value}`;
  return { key: field, value: { kind: 'number', text: value } };
}

/** Adds an entry to the dict under `field` of `parent`, or the dict itself when it is absent. */
export function addUnder(parent: DictValue, field: string, entry: NewEntry, precedence: number, what: string): Addition | string {
  const existing = valueOf(parent, field);
  if (!existing) return addToDict(parent, [nestedEntry([field], entry)], precedence, `a new ${field} in ${what}${heldIn(parent)}`);
  if (existing.kind !== 'dict') return `the ${field} of ${what} is not a dict literal that spark-tuner can add to`;
  return addToDict(existing, [entry], precedence, `${field} of ${what}${heldIn(existing)}`);
}

export { stringEntry };
