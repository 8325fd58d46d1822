import type { DagDocument, TaskView } from '../document.js';
import type { Addition, TaskSettings } from '../family.js';
import { addConfEntry, confOperatorArguments, extractConfOperator, type ConfOperator } from '../settings/operator-arguments.js';

/** Apache Livy's `LivyOperator`: `conf={...}` and the batch fields (`executor_memory=` …) that win over it. */
export const name = 'livy';

export const operators: readonly string[] = ['LivyOperator'];

const OPERATOR: ConfOperator = {
  family: name,
  dedicated: {
    executor_memory: 'spark.executor.memory',
    executor_cores: 'spark.executor.cores',
    num_executors: 'spark.executor.instances',
    driver_memory: 'spark.driver.memory',
    driver_cores: 'spark.driver.cores',
  },
};

export const settingArguments = confOperatorArguments(OPERATOR);

/** Batch fields (precedence) and `conf` entries. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  return extractConfOperator(OPERATOR, task, document);
}

/** A new `conf` entry (or `conf={…}` argument). */
export function addSetting(task: TaskView, _document: DagDocument, key: string, value: string): Addition | string {
  return addConfEntry(task, key, value);
}
