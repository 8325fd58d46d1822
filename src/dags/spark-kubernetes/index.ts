import type { DagDocument, TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type SettingArgument, type TaskSettings } from '../family.js';
import { heldIn, readSetting, type SettingReader } from '../settings/read-settings.js';
import { newReader } from '../settings/reader.js';
import {
  addUnder, dictProblems, fieldEntry, fieldFor, notADictProblem, readConfField, readFields, stringEntry,
} from '../settings/settings-dict.js';
import { valueOf, type DictValue, type Value } from '../values/value.js';

/**
 * Kubernetes (`airflow.providers.cncf.kubernetes`): `SparkKubernetesOperator(template_spec={…})`, a
 * SparkApplication written inline (`{"spark": {…, "spec": …}}`, or the application itself, which the operator
 * wraps in `spark`). The Spark operator passes `spec.sparkConf` as `--conf`, then the `driver` and `executor`
 * fields (`cores`, `memory`, `instances` …), which therefore win; `spec.memoryOverheadFactor` comes before
 * `sparkConf`. A task with `application_file` takes its application from there (refused), and keys that
 * `spec.dynamicAllocation` sets are refused (the operator writes them only when it is enabled).
 */
export const name = 'spark-kubernetes';

export const operators: readonly string[] = ['SparkKubernetesOperator'];

export const settingArguments: Readonly<Record<string, SettingArgument>> = {
  template_spec: { key: null, precedence: PRECEDENCE.confEntry },
  application_file: { key: null, precedence: PRECEDENCE.everything },
};

const DRIVER: Readonly<Record<string, string>> = {
  cores: 'spark.driver.cores',
  coreRequest: 'spark.kubernetes.driver.request.cores',
  coreLimit: 'spark.kubernetes.driver.limit.cores',
  memory: 'spark.driver.memory',
  memoryOverhead: 'spark.driver.memoryOverhead',
  javaOptions: 'spark.driver.extraJavaOptions',
};
const EXECUTOR: Readonly<Record<string, string>> = {
  instances: 'spark.executor.instances',
  cores: 'spark.executor.cores',
  coreRequest: 'spark.kubernetes.executor.request.cores',
  coreLimit: 'spark.kubernetes.executor.limit.cores',
  memory: 'spark.executor.memory',
  memoryOverhead: 'spark.executor.memoryOverhead',
  javaOptions: 'spark.executor.extraJavaOptions',
};
const INTEGERS: ReadonlySet<string> = new Set(['cores', 'instances']);
const DYNAMIC_ALLOCATION = [
  'spark.dynamicAllocation.enabled', 'spark.dynamicAllocation.initialExecutors', 'spark.dynamicAllocation.minExecutors',
  'spark.dynamicAllocation.maxExecutors', 'spark.dynamicAllocation.shuffleTracking.enabled',
  'spark.dynamicAllocation.shuffleTracking.timeout',
];

/** The application's `sparkConf`, its driver and executor fields (they win), and `memoryOverheadFactor`. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  const reader = newReader(name, task, document);
  const spec = applicationSpec(task, reader);
  if (!spec) return reader.into;
  const what = `the SparkApplication spec of task ${task.task_id}`;
  readConfField(reader, spec, 'sparkConf', what);
  for (const [part, fields] of [['driver', DRIVER], ['executor', EXECUTOR]] as const) {
    const dict = partDict(reader, spec, part, what);
    if (dict) readFields(reader, { dict, what: `the ${part} spec of task ${task.task_id}`, fields, integers: INTEGERS });
  }
  const factor = valueOf(spec, 'memoryOverheadFactor');
  if (factor && factor.kind !== 'null') {
    const label = `the memoryOverheadFactor of the spec${heldIn(spec)}`;
    readSetting(reader, 'spark.kubernetes.memoryOverheadFactor', factor, { precedence: PRECEDENCE.propertiesFile, label });
  }
  const dynamic = valueOf(spec, 'dynamicAllocation');
  if (dynamic && dynamic.kind !== 'null') {
    const reason = `${what} sets dynamicAllocation (line ${dynamic.line}), which the Spark operator turns into these `
      + 'settings only when it is enabled; spark-tuner does not edit it';
    for (const key of DYNAMIC_ALLOCATION) reader.into.problems.push({ key, precedence: PRECEDENCE.everything, reason });
  }
  return reader.into;
}

/** A driver or executor field when one sets the key (it would win over sparkConf), else a `sparkConf` entry. */
export function addSetting(task: TaskView, document: DagDocument, key: string, value: string): Addition | string {
  const reader = newReader(name, task, document);
  const spec = applicationSpec(task, reader);
  const what = `the SparkApplication spec of task ${task.task_id}`;
  if (!spec) return reader.into.problems[0]?.reason ?? `task ${task.task_id} has no template_spec with a spec`;
  for (const [part, fields] of [['driver', DRIVER], ['executor', EXECUTOR]] as const) {
    const field = fieldFor(fields, key);
    if (!field) continue;
    const entry = fieldEntry(field, value, INTEGERS);
    if (typeof entry === 'string') return `${entry} (the ${part} spec of task ${task.task_id})`;
    return addUnder(spec, part, entry, PRECEDENCE.dedicatedArgument, what);
  }
  return addUnder(spec, 'sparkConf', stringEntry(key, value), PRECEDENCE.confEntry, what);
}

/** `spec` of the SparkApplication in `template_spec`, or null (absent, or hidden: a problem says why). */
function applicationSpec(task: TaskView, reader: SettingReader): DictValue | null {
  const file = task.arguments.get('application_file');
  if (file && file.kind !== 'null') {
    const reason = `task ${task.task_id} takes its SparkApplication from application_file (line ${file.line}), `
      + 'not from a template_spec written in this file';
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
    return null;
  }
  const template = task.arguments.get('template_spec');
  if (!template || template.kind === 'null') return null;
  const what = `the template_spec of task ${task.task_id}`;
  const outer = asDict(reader, template, what);
  if (!outer) return null;
  const application = valueOf(outer, 'spark') ? asDict(reader, valueOf(outer, 'spark'), `the spark part of ${what}`) : outer;
  if (!application) return null;
  const spec = valueOf(application, 'spec');
  if (!spec || spec.kind === 'null') return null;
  const found = asDict(reader, spec, `the spec of ${what}`);
  return reader.into.problems.length > 0 ? null : found;
}

function partDict(reader: SettingReader, spec: DictValue, part: string, what: string): DictValue | null {
  const value = valueOf(spec, part);
  if (!value || value.kind === 'null') return null;
  return asDict(reader, value, `the ${part} of ${what}`);
}

function asDict(reader: SettingReader, value: Value | null, what: string): DictValue | null {
  if (!value) return null;
  if (value.kind !== 'dict') {
    notADictProblem(reader, what, value);
    return null;
  }
  dictProblems(reader, what, value);
  return value;
}
