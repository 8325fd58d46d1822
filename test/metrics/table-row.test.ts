import { describe, expect, it } from 'vitest';
import { emptySummary } from '../../src/metrics/empty-summary.js';
import { SUMMARY_COLUMNS } from '../../src/metrics/summary-columns.js';
import { fromTableRow, toTableRow } from '../../src/metrics/table-row.js';

describe('toTableRow / fromTableRow', () => {
  const summary = {
    ...emptySummary('application_1_0001'),
    attempt_id: '1',
    start_time: 1_700_000_000_000,
    status: 'failed' as const,
    executor_memory_mb: 16384,
    dynamic_allocation_enabled: true,
    gc_time_ratio: 0.125,
    spark_conf: { 'spark.executor.memory': '16g', 'spark.password': '*********(redacted)' },
    failure_causes: [{ cause: 'java.lang.OutOfMemoryError', count: 2 }],
    stage_profile: {
      version: 1 as const,
      stages: [{
        stage_id: 3, attempt_id: 1, submit_ms: 10, complete_ms: 900, tasks: 4, task_ms_sum: 2000, task_ms_p50: 500, task_ms_p95: 1000,
        task_ms_max: 1000, max_running: 3, input_bytes: 175, shuffle_read_bytes: null, shuffle_write_bytes: 0,
      }],
      driver_only: [[0, 10], [900, 1200]] as [number, number][],
      omitted_stages: 2,
      omitted_task_ms: 30,
    },
    metrics_quality: ['no peak memory metrics'],
  };

  it('stores JSON columns as JSON text and keeps every column', () => {
    const row = toTableRow(summary);
    expect(Object.keys(row)).toEqual(SUMMARY_COLUMNS.map((column) => column.name));
    expect(row.spark_conf).toBe(JSON.stringify(summary.spark_conf));
    expect(row.failure_causes).toBe('[{"cause":"java.lang.OutOfMemoryError","count":2}]');
    expect(row.start_time).toBe(1_700_000_000_000);
  });

  it('round-trips a summary exactly', () => {
    expect(fromTableRow(toTableRow(summary))).toEqual(summary);
  });

  it('stores a missing stage profile as SQL null and reads null or "null" back as null', () => {
    const none = { ...summary, stage_profile: null };
    expect(toTableRow(none).stage_profile).toBeNull();
    expect(fromTableRow(toTableRow(none))).toEqual(none);
    expect(fromTableRow({ ...toTableRow(summary), stage_profile: 'null' }).stage_profile).toBeNull();
  });

  it('refuses a stage profile of another shape', () => {
    const bad = { ...summary.stage_profile, stages: [{ stage_id: 1 }] };
    expect(() => fromTableRow({ ...toTableRow(summary), stage_profile: JSON.stringify(bad) })).toThrow(/stage_profile holds JSON of the wrong shape/);
    expect(() => fromTableRow({ ...toTableRow(summary), stage_profile: '[]' })).toThrow(/stage_profile/);
  });

  it('names the column that holds bad JSON', () => {
    expect(() => fromTableRow({ ...toTableRow(summary), spark_conf: '{oops' })).toThrow(/spark_conf/);
    expect(() => fromTableRow({ ...toTableRow(summary), failure_causes: '{}' })).toThrow(/failure_causes/);
    expect(() => fromTableRow({ ...toTableRow(summary), app_id: null })).toThrow(/app_id/);
  });

  it('reads missing JSON columns as empty', () => {
    const row = fromTableRow({ ...toTableRow(summary), spark_conf: null, metrics_quality: '' });
    expect(row.spark_conf).toEqual({});
    expect(row.metrics_quality).toEqual([]);
  });
});
