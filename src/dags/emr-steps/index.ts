import type { DagDocument, TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type SettingArgument, type TaskSettings } from '../family.js';
import { addToStep, readSparkSteps } from '../settings/emr-steps.js';
import type { SettingReader } from '../settings/read-settings.js';
import { newReader } from '../settings/reader.js';
import { either, readSparkDefaults } from '../settings/spark-defaults.js';
import { linkedJobFlow } from './job-flow-link.js';

/**
 * `EmrAddStepsOperator(steps=[…])`: the `HadoopJarStep.Args` of its spark-submit step (`"--conf", "k=v"` and
 * `"--executor-memory", "4g"`), above the spark-defaults of the cluster its `job_flow_id` names, which are
 * never edited for it (a new `--conf` in the step wins over them).
 */
export const name = 'emr-steps';

export const operators: readonly string[] = ['EmrAddStepsOperator'];

export const settingArguments: Readonly<Record<string, SettingArgument>> = {
  steps: { key: null, precedence: PRECEDENCE.dedicatedArgument },
};

/** The step's options, and the linked cluster's spark-defaults as settings of another task. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  const reader = newReader(name, task, document);
  readSparkSteps(reader, task.arguments.get('steps'), `the steps of task ${task.task_id}`);
  readClusterDefaults(reader, task, document);
  return reader.into;
}

/** A new `"--conf", "k=v"` pair in the Spark step. */
export function addSetting(task: TaskView, document: DagDocument, key: string, value: string): Addition | string {
  const step = readSparkSteps(newReader(name, task, document), task.arguments.get('steps'), `the steps of task ${task.task_id}`);
  return step ? addToStep(step, key, value) : `task ${task.task_id} has no step that runs spark-submit`;
}

function readClusterDefaults(reader: SettingReader, task: TaskView, document: DagDocument): void {
  const cluster = linkedJobFlow(task, document);
  const overrides = cluster?.arguments.get('job_flow_overrides');
  if (!cluster?.task_id || overrides?.kind !== 'dict') return;
  const configurations = either(overrides, 'Configurations', 'configurations');
  const what = `the cluster of task ${cluster.task_id}`;
  const scratch = newReader(name, task, document);
  readSparkDefaults(scratch, configurations, what, { precedence: PRECEDENCE.clusterDefaults, owner: cluster.task_id });
  reader.into.settings.push(...scratch.into.settings);
}
