import { describe, expect, it } from 'vitest';
import { airflowLinkage } from '../../../src/metrics/eventlog/airflow-linkage.js';

describe('airflowLinkage', () => {
  it('prefers the spark.airflow.* properties', () => {
    expect(airflowLinkage({
      'spark.airflow.dag_id': 'daily_sales', 'spark.airflow.task_id': 'load_orders',
      'spark.airflow.run_id': 'scheduled__2026-11-20T02:00:00+00:00', 'spark.airflow.try_number': '3',
      'spark.openlineage.parentJobName': 'other.task',
    }, 'x')).toEqual({ dag_id: 'daily_sales', task_id: 'load_orders', run_id: 'scheduled__2026-11-20T02:00:00+00:00', try_number: 3 });
  });

  it('falls back to OpenLineage\'s parent job, split after the root DAG id when known', () => {
    expect(airflowLinkage({
      'spark.openlineage.parentJobName': 'sales.v2.group.load', 'spark.openlineage.rootParentJobName': 'sales.v2',
      'spark.openlineage.parentRunId': '01935f8e-uuid',
    }, null)).toEqual({ dag_id: 'sales.v2', task_id: 'group.load', run_id: '01935f8e-uuid', try_number: null });
    expect(airflowLinkage({ 'spark.openlineage.parentJobName': 'daily_sales.load_orders' }, null))
      .toMatchObject({ dag_id: 'daily_sales', task_id: 'load_orders' });
  });

  it('falls back to YARN tags, then to the app-name pattern', () => {
    expect(airflowLinkage({ 'spark.yarn.tags': 'team:data, dag_id:hourly_events,task_id:aggregate,try_number:2' }, null))
      .toEqual({ dag_id: 'hourly_events', task_id: 'aggregate', run_id: null, try_number: 2 });
    const pattern = /^(?<dag_id>[\w-]+)__(?<task_id>[\w-]+)$/g;
    expect(airflowLinkage({}, 'nightly__export', pattern)).toMatchObject({ dag_id: 'nightly', task_id: 'export' });
    expect(airflowLinkage({}, 'nightly__export', pattern)).toMatchObject({ dag_id: 'nightly', task_id: 'export' });
  });

  it('is all null when nothing names a DAG', () => {
    expect(airflowLinkage({ 'spark.airflow.dag_id': '  ', 'spark.openlineage.parentJobName': 'nodot' }, 'etl'))
      .toEqual({ dag_id: null, task_id: null, run_id: null, try_number: null });
  });
});
