import type { DagDocument, TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type SettingArgument, type TaskSettings } from '../family.js';
import { addToDict } from '../settings/additions.js';
import { heldIn, type SettingReader } from '../settings/read-settings.js';
import { newReader } from '../settings/reader.js';
import {
  addUnder, dictProblems, fieldEntry, fieldFor, notADictProblem, readConfField, readFields, stringEntry,
} from '../settings/settings-dict.js';
import type { DictValue } from '../values/value.js';

/**
 * Azure Synapse (`airflow.providers.microsoft.azure`): `AzureSynapseRunSparkBatchOperator(payload={…})`, a Livy
 * batch written as a dict with the REST names of the Synapse Spark API, as the provider's example does:
 * `conf` (Spark properties), and `executorMemory`, `executorCores`, `numExecutors`, `driverMemory`,
 * `driverCores`, which Livy sets after `conf` (they win). The Azure client also accepts its model's names
 * (`configuration`, `executor_memory`, any letter case) for the same fields: a payload that writes one of those
 * is refused rather than guessed. A `SparkBatchJobOptions(…)` object is not read.
 */
export const name = 'azure-synapse';

export const operators: readonly string[] = ['AzureSynapseRunSparkBatchOperator'];

export const settingArguments: Readonly<Record<string, SettingArgument>> = {
  payload: { key: null, precedence: PRECEDENCE.confEntry },
};

const FIELDS: Readonly<Record<string, string>> = {
  executorMemory: 'spark.executor.memory',
  executorCores: 'spark.executor.cores',
  numExecutors: 'spark.executor.instances',
  driverMemory: 'spark.driver.memory',
  driverCores: 'spark.driver.cores',
};
const INTEGERS: ReadonlySet<string> = new Set(['executorCores', 'numExecutors', 'driverCores']);
/** Every name the Azure client reads as a Spark field, lower case without `_`. */
const CLIENT_NAMES = new Set([
  'conf', 'configuration', 'executormemory', 'executorcores', 'numexecutors', 'executorcount', 'drivermemory', 'drivercores',
]);

/** The payload's fields (they win) and its `conf` entries. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  const reader = newReader(name, task, document);
  const payload = readablePayload(task, reader);
  if (!payload) return reader.into;
  const what = `the payload of task ${task.task_id}`;
  readFields(reader, { dict: payload, what, fields: FIELDS, integers: INTEGERS });
  readConfField(reader, payload, 'conf', what);
  return reader.into;
}

/** A missing field in the payload itself (it would win over `conf`), any other key in its `conf`. */
export function addSetting(task: TaskView, document: DagDocument, key: string, value: string): Addition | string {
  const payload = readablePayload(task, newReader(name, task, document));
  const what = `the payload of task ${task.task_id}`;
  if (!payload) return task.arguments.has('payload') ? `${what} cannot be read safely` : `task ${task.task_id} has no payload argument`;
  const field = fieldFor(FIELDS, key);
  if (!field) return addUnder(payload, 'conf', stringEntry(key, value), PRECEDENCE.confEntry, what);
  const entry = fieldEntry(field, value, INTEGERS);
  if (typeof entry === 'string') return `${entry} (${what})`;
  return addToDict(payload, [entry], PRECEDENCE.dedicatedArgument, `${field} of ${what}${heldIn(payload)}`);
}

/** The payload dict, or null (no payload, or one that hides its settings: a problem says why). */
function readablePayload(task: TaskView, reader: SettingReader): DictValue | null {
  const payload = task.arguments.get('payload');
  if (!payload || payload.kind === 'null') return null;
  const what = `the payload of task ${task.task_id}`;
  if (payload.kind !== 'dict') {
    notADictProblem(reader, what, payload);
    return null;
  }
  dictProblems(reader, what, payload);
  const other = payload.entries.find((entry) => CLIENT_NAMES.has(entry.key.toLowerCase().replace(/_/g, ''))
    && entry.key !== 'conf' && !(entry.key in FIELDS));
  if (other) {
    const reason = `${what} writes ${other.key} (line ${other.line}), which the Azure client may read as one of its Spark `
      + 'fields; only conf, executorMemory, executorCores, numExecutors, driverMemory and driverCores are read';
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
    return null;
  }
  return reader.into.problems.length > 0 ? null : payload;
}
