import type { DagDocument, TaskView } from '../document.js';
import type { Addition, TaskSettings } from '../family.js';
import { addToJobDriver, extractJobDriver, JOB_DRIVER_ARGUMENTS, type JobDriverOperator } from '../settings/job-driver.js';

/**
 * `EmrServerlessStartJobOperator`: `job_driver.sparkSubmit.sparkSubmitParameters` (`--conf k=v …`, edited inside
 * the string) above `configuration_overrides.applicationConfiguration` spark-defaults.
 */
export const name = 'emr-serverless';

export const operators: readonly string[] = ['EmrServerlessStartJobOperator'];

export const settingArguments = JOB_DRIVER_ARGUMENTS;

const OPERATOR: JobDriverOperator = { family: name, driverKey: 'sparkSubmit' };

/** `sparkSubmitParameters` options and spark-defaults properties. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  return extractJobDriver(OPERATOR, task, document);
}

/** A new `--conf` in `sparkSubmitParameters`, else a spark-defaults property. */
export function addSetting(task: TaskView, document: DagDocument, key: string, value: string): Addition | string {
  return addToJobDriver(OPERATOR, task, document, key, value);
}
