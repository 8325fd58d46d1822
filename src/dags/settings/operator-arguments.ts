import type { DagDocument, TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type DagFamily, type SettingArgument, type TaskSettings } from '../family.js';
import { addToDict, nestedEntry, stringEntry } from './additions.js';
import { heldIn, readPropertiesDict, readSetting, type SettingReader } from './read-settings.js';

/** An operator that takes a `conf` dict and arguments that set one Spark property each (SparkSubmitOperator, Livy). */
export interface ConfOperator {
  family: string;
  /** Argument name → the Spark property it sets; these win over `conf`. */
  dedicated: Readonly<Record<string, string>>;
  /** The argument holding the Spark properties dict: `conf` unless named here (Yandex: `properties`). */
  confArgument?: string;
}

/** Reads the dedicated arguments and the `conf` entries of a task. */
export function extractConfOperator(operator: ConfOperator, task: TaskView, document: DagDocument): TaskSettings {
  const reader: SettingReader = { family: operator.family, task, document, into: { settings: [], problems: [] } };
  for (const [argument, key] of Object.entries(operator.dedicated)) {
    const value = task.arguments.get(argument);
    if (!value || value.kind === 'null') continue;
    const holder = value.via.at(-1);
    const label = holder ? `the ${argument} argument (constant ${holder.name})` : `the ${argument} argument`;
    readSetting(reader, key, value, { precedence: PRECEDENCE.dedicatedArgument, label, subject: `${argument}=` });
  }
  const argument = operator.confArgument ?? 'conf';
  const conf = task.arguments.get(argument);
  const label = conf ? `its ${argument} entry${heldIn(conf)}` : `its ${argument} entry`;
  readPropertiesDict(reader, conf, `the ${argument} of task ${task.task_id}`, { precedence: PRECEDENCE.confEntry, label });
  return reader.into;
}

/** A new `conf` entry, or a new `conf={…}` argument when the task has none (`argument`: another name for it). */
export function addConfEntry(task: TaskView, key: string, value: string, argument = 'conf'): Addition | string {
  const conf = task.arguments.get(argument);
  const entry = stringEntry(key, value);
  if (!conf) {
    const insertion = { kind: 'arguments' as const, task, entries: [nestedEntry([argument], entry)] };
    return { insertion, precedence: PRECEDENCE.confEntry, via: [], label: `${argument} argument` };
  }
  if (conf.kind === 'null') return `task ${task.task_id} passes ${argument}=None, which spark-tuner does not replace`;
  if (conf.kind !== 'dict') return `its ${argument} is not a dict literal that spark-tuner can add to`;
  return addToDict(conf, [entry], PRECEDENCE.confEntry, `${argument} entry${heldIn(conf)}`);
}

/** The arguments whose values `default_args` could supply. */
export function confOperatorArguments(operator: ConfOperator): Record<string, SettingArgument> {
  const roles: Record<string, SettingArgument> = { [operator.confArgument ?? 'conf']: { key: null, precedence: PRECEDENCE.confEntry } };
  for (const [argument, key] of Object.entries(operator.dedicated)) {
    roles[argument] = { key, precedence: PRECEDENCE.dedicatedArgument };
  }
  return roles;
}

/** A whole family for an operator of this shape: `conf={...}` (or another name) plus dedicated arguments that win over it. */
export function confOperatorFamily(operator: ConfOperator, operators: readonly string[]): DagFamily {
  return {
    name: operator.family,
    operators,
    settingArguments: confOperatorArguments(operator),
    extractSettings: (task, document) => extractConfOperator(operator, task, document),
    addSetting: (task, _document, key, value) => addConfEntry(task, key, value, operator.confArgument),
  };
}
