import { lineAt, type DagDocument, type TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type SettingArgument, type TaskSettings } from '../family.js';
import { valueOf, type DictValue, type ScalarValue } from '../values/value.js';
import { addToDict, stringEntry } from './additions.js';
import { notADict, type SettingReader } from './read-settings.js';
import { newReader } from './reader.js';
import { either, readSparkDefaults } from './spark-defaults.js';
import { readSubmitWords } from './spark-submit-args.js';
import { wordsOfString } from './words.js';

/** EMR Serverless (`sparkSubmit`) and EMR on EKS (`sparkSubmitJobDriver`) jobs: which job driver key they use. */
export interface JobDriverOperator {
  family: string;
  driverKey: string;
}

interface JobDriver {
  settings: TaskSettings;
  /** The `sparkSubmit` dict, where a missing `sparkSubmitParameters` would go. */
  driver: DictValue | null;
  parameters: ScalarValue | null;
  properties: DictValue | null;
}

/** The arguments whose values `default_args` could supply. */
export const JOB_DRIVER_ARGUMENTS: Readonly<Record<string, SettingArgument>> = {
  job_driver: { key: null, precedence: PRECEDENCE.dedicatedArgument },
  configuration_overrides: { key: null, precedence: PRECEDENCE.clusterDefaults },
};

/** `--conf` and flags in `sparkSubmitParameters`, above the `applicationConfiguration` spark-defaults. */
export function extractJobDriver(operator: JobDriverOperator, task: TaskView, document: DagDocument): TaskSettings {
  return readJobDriver(operator, task, document).settings;
}

/** A new `--conf k=v` in `sparkSubmitParameters` (or a new such string), else a new spark-defaults property. */
export function addToJobDriver(
  operator: JobDriverOperator, task: TaskView, document: DagDocument, key: string, value: string,
): Addition | string {
  if (/\s/.test(value)) return 'the new value contains white space, which cannot be one word of sparkSubmitParameters';
  const { driver, parameters, properties } = readJobDriver(operator, task, document);
  const where = `sparkSubmitParameters of task ${task.task_id}`;
  const words = `--conf ${key}=${value}`;
  if (parameters) {
    const insertion = { kind: 'words' as const, scalar: parameters, words };
    return { insertion, precedence: PRECEDENCE.confEntry, via: parameters.via, label: `--conf in the ${where}` };
  }
  if (driver && !valueOf(driver, 'sparkSubmitParameters')) {
    return addToDict(driver, [stringEntry('sparkSubmitParameters', words)], PRECEDENCE.confEntry, `--conf in the new ${where}`);
  }
  if (properties) return addToDict(properties, [stringEntry(key, value)], PRECEDENCE.clusterDefaults, 'spark-defaults property');
  return `task ${task.task_id} has no job_driver.${operator.driverKey} to add it to`;
}

function readJobDriver(operator: JobDriverOperator, task: TaskView, document: DagDocument): JobDriver {
  const reader = newReader(operator.family, task, document);
  const found: JobDriver = { settings: reader.into, driver: null, parameters: null, properties: null };
  const everything = (reason: string): void => {
    const problem = { key: null, precedence: PRECEDENCE.everything, reason: `${reason}, so its settings cannot be read safely` };
    reader.into.problems.push(problem);
  };
  const jobDriver = task.arguments.get('job_driver');
  const driver = jobDriver?.kind === 'dict' ? valueOf(jobDriver, operator.driverKey) : jobDriver;
  if (driver && driver.kind !== 'dict' && driver.kind !== 'null') {
    everything(`the job_driver of task ${task.task_id} ${notADict(driver)} (line ${driver.line})`);
  }
  if (driver?.kind === 'dict') {
    found.driver = driver;
    found.parameters = readParameters(reader, driver, everything);
  }
  const overrides = task.arguments.get('configuration_overrides');
  if (overrides && overrides.kind !== 'dict' && overrides.kind !== 'null') {
    const reason = `the configuration_overrides of task ${task.task_id} ${notADict(overrides)} (line ${overrides.line})`;
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.clusterDefaults, reason });
  }
  if (overrides?.kind === 'dict') {
    const list = either(overrides, 'applicationConfiguration', 'ApplicationConfiguration');
    const what = `the applicationConfiguration of task ${task.task_id}`;
    found.properties = readSparkDefaults(reader, list, what, { precedence: PRECEDENCE.clusterDefaults });
  }
  return found;
}

function readParameters(reader: SettingReader, driver: DictValue, everything: (reason: string) => void): ScalarValue | null {
  const parameters = valueOf(driver, 'sparkSubmitParameters');
  const where = `the sparkSubmitParameters of task ${reader.task.task_id}`;
  if (!parameters || parameters.kind === 'null') return null;
  if (parameters.kind !== 'string') {
    everything(`${where} ${parameters.kind === 'opaque' ? parameters.reason : `is a ${parameters.kind}`} (line ${parameters.line})`);
    return null;
  }
  const words = wordsOfString(parameters, (index) => lineAt(reader.document.source, index));
  if (!Array.isArray(words)) {
    everything(`${where} ${words.reason} (line ${parameters.line})`);
    return null;
  }
  readSubmitWords(reader, { words, from: 0, where, hasApplication: false });
  return parameters;
}
