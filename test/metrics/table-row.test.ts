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
