/** Airflow's `SparkSubmitOperator`: `conf={...}` entries and `executor_memory=`-style arguments. */
export { extractSettings, FAMILY_NAME as name } from './extract.js';
export { updateSetting } from './update.js';

export const operators: readonly string[] = ['SparkSubmitOperator'];
