/** Airflow's own rule for DAG and task ids: letters, digits, `_`, `.`, `-`; at most 250 characters. */
export const AIRFLOW_ID = /^[A-Za-z0-9_.-]{1,250}$/;

/** Whether a string is a valid Airflow DAG or task id. */
export function isAirflowId(value: string): boolean {
  return AIRFLOW_ID.test(value);
}
