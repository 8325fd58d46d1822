import { describe, expect, it } from 'vitest';
import { rowFileName, rowFileText, safeName } from '../../src/ingest/row-file.js';
import { emptySummary } from '../../src/metrics/empty-summary.js';
import { fromTableRow } from '../../src/metrics/table-row.js';

describe('rowFileName', () => {
  it('puts an attempt in the UTC day of its start, named by its ids', () => {
    const summary = { ...emptySummary('application_123_0001'), attempt_id: '1', start_time: Date.parse('2026-11-20T23:59:59.999Z') };
    expect(rowFileName(summary)).toBe('dt=2026-11-20/application_123_0001_1.jsonl');
    expect(rowFileName({ ...summary, attempt_id: null, start_time: Date.parse('2026-11-21T00:00:00Z') })).toBe('dt=2026-11-21/application_123_0001.jsonl');
  });

  it('has no file for a row without a start time', () => {
    expect(rowFileName(emptySummary('local-1'))).toBeNull();
  });

  it('writes the table form of the summary, one line', () => {
    const summary = { ...emptySummary('a'), start_time: 1, spark_conf: { 'spark.executor.cores': '4' }, metrics_quality: ['x'] };
    const text = rowFileText(summary);
    expect(text.endsWith('}\n') && text.split('\n')).toHaveLength(2);
    const row = JSON.parse(text) as Record<string, unknown>;
    expect(row.spark_conf).toBe('{"spark.executor.cores":"4"}');
    expect(fromTableRow(row as never)).toEqual(summary);
  });
});

describe('safeName', () => {
  it('keeps Spark ids, escapes everything else and never starts hidden', () => {
    expect(safeName('spark-bcec39f6201b42b9925124595baad262_1')).toBe('spark-bcec39f6201b42b9925124595baad262_1');
    expect(safeName('a/b c:é')).toBe('a%2Fb%20c%3A%C3%A9');
    expect(safeName('_x')).toBe('%5Fx');
    expect(safeName('.x')).toBe('%2Ex');
    expect(safeName('a/b')).not.toBe(safeName('a_b'));
  });

  it('cuts very long ids and keeps them apart by a hash', () => {
    const long = 'x'.repeat(300);
    expect(safeName(long)).toHaveLength(200);
    expect(safeName(long)).not.toBe(safeName(`${long}y`));
  });
});
