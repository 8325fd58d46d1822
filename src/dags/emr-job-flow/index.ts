import type { DagDocument, TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type SettingArgument, type TaskSettings } from '../family.js';
import { addToStep, readSparkSteps, type SparkStep } from '../settings/emr-steps.js';
import { addToDict, stringEntry } from '../settings/additions.js';
import { notADict } from '../settings/read-settings.js';
import { newReader } from '../settings/reader.js';
import { either, readSparkDefaults } from '../settings/spark-defaults.js';
import type { DictValue } from '../values/value.js';

/**
 * `EmrCreateJobFlowOperator(job_flow_overrides={…})`: the spark-defaults `Properties` of its `Configurations`
 * and, when the cluster runs a spark-submit step of its own (`Steps`), that step's options, which win.
 */
export const name = 'emr-job-flow';

export const operators: readonly string[] = ['EmrCreateJobFlowOperator'];

export const settingArguments: Readonly<Record<string, SettingArgument>> = {
  job_flow_overrides: { key: null, precedence: PRECEDENCE.dedicatedArgument },
};

interface JobFlow {
  settings: TaskSettings;
  step: SparkStep | null;
  properties: DictValue | null;
}

/** Its spark-defaults and its own Spark step. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  return readJobFlow(task, document).settings;
}

/** A new `--conf` in its Spark step, else a new spark-defaults property. */
export function addSetting(task: TaskView, document: DagDocument, key: string, value: string): Addition | string {
  const { step, properties } = readJobFlow(task, document);
  if (step) return addToStep(step, key, value);
  if (!properties) return `the job_flow_overrides of task ${task.task_id} have no spark-defaults classification to add it to`;
  return addToDict(properties, [stringEntry(key, value)], PRECEDENCE.clusterDefaults, 'spark-defaults property');
}

function readJobFlow(task: TaskView, document: DagDocument): JobFlow {
  const reader = newReader(name, task, document);
  const overrides = task.arguments.get('job_flow_overrides');
  const what = `the job_flow_overrides of task ${task.task_id}`;
  if (!overrides || overrides.kind === 'null') return { settings: reader.into, step: null, properties: null };
  if (overrides.kind !== 'dict') {
    const reason = `${what} ${notADict(overrides)} (line ${overrides.line}), so its settings cannot be read safely`;
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
    return { settings: reader.into, step: null, properties: null };
  }
  const step = readSparkSteps(reader, either(overrides, 'Steps', 'steps'), `the Steps in ${what}`);
  const configurations = either(overrides, 'Configurations', 'configurations');
  const properties = readSparkDefaults(reader, configurations, what, { precedence: PRECEDENCE.clusterDefaults });
  return { settings: reader.into, step, properties };
}
