import type { Proposal } from '../../../../src/publish/types.js';

export const DAG_FILE = 'dags/daily_sales.py';
export const OLD_DAG = [
  'from airflow import DAG',
  'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator',
  '',
  'with DAG("daily_sales") as dag:',
  '    SparkSubmitOperator(task_id="load_orders", application="load.py", executor_memory="16g")',
  '',
].join('\n');
export const NEW_DAG = OLD_DAG.replace('executor_memory="16g"', 'executor_memory="8g"');

/** A proposal for `daily_sales` as the pipeline makes one; override any field. */
export function makeProposal(overrides: Partial<Proposal> = {}): Proposal {
  const fingerprint = overrides.fingerprint ?? '0123456789abcdef';
  return {
    dag_id: 'daily_sales',
    file_path: DAG_FILE,
    old_content: OLD_DAG,
    new_content: NEW_DAG,
    diff: '--- a/dags/daily_sales.py\n+++ b/dags/daily_sales.py\n@@ -5 +5 @@\n-    executor_memory="16g")\n+    executor_memory="8g")\n',
    title: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g',
    body: `## Summary\n\nExecutors use at most 40% of their heap.\n\n<!-- spark-tuner:fingerprint=${fingerprint} -->\n`,
    commit_message: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g\n',
    fingerprint,
    labels: ['spark-tuning', 'cost'],
    edits: [{ task_id: 'load_orders', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 5 }],
    ...overrides,
  };
}
