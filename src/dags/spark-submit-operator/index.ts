import type { DagDocument, TaskView } from '../document.js';
import type { Addition, TaskSettings } from '../family.js';
import { addConfEntry, confOperatorArguments, extractConfOperator, type ConfOperator } from '../settings/operator-arguments.js';

/** Airflow's `SparkSubmitOperator`: `conf={...}` entries and the `executor_memory=`-style arguments that win over them. */
export const name = 'spark-submit-operator';

export const operators: readonly string[] = ['SparkSubmitOperator'];

const OPERATOR: ConfOperator = {
  family: name,
  dedicated: {
    executor_memory: 'spark.executor.memory',
    executor_cores: 'spark.executor.cores',
    num_executors: 'spark.executor.instances',
    driver_memory: 'spark.driver.memory',
    total_executor_cores: 'spark.cores.max',
  },
};

export const settingArguments = confOperatorArguments(OPERATOR);

/** Dedicated arguments (precedence) and `conf` entries. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  return extractConfOperator(OPERATOR, task, document);
}

/** A new `conf` entry (or `conf={…}` argument). */
export function addSetting(task: TaskView, _document: DagDocument, key: string, value: string): Addition | string {
  return addConfEntry(task, key, value);
}
