import { describe, expect, it } from 'vitest';
import { readFingerprint, withFingerprint } from '../../src/publish/github/fingerprint-marker.js';
import { encodeRecord, readRecord, recordMarker, recordTrailer } from '../../src/verify/record-marker.js';

const EDITS = [
  { task_id: 'load_orders', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 12 },
  { task_id: 'load_orders', key: 'spark.executor.memoryOverhead', old_value: null, new_value: '2g', line: 13 },
];
const WINDOW = { since: 1_700_000_000_000, until: 1_701_209_600_000 };

describe('the record marker', () => {
  const encoded = encodeRecord('daily_sales', WINDOW, EDITS);
  const body = `Some body with <!-- html --> and | pipes\n\n${recordMarker(encoded)}\n<!-- spark-tuner:fingerprint=abc123 -->\n`;

  it('round-trips the DAG, the window and the values through a PR body', () => {
    expect(readRecord(body)).toEqual({
      kind: 'record',
      record: {
        fingerprint: 'abc123',
        dag_id: 'daily_sales',
        window: WINDOW,
        changes: [
          { task_id: 'load_orders', key: 'spark.executor.memory', old_value: '16g', new_value: '8g' },
          { task_id: 'load_orders', key: 'spark.executor.memoryOverhead', old_value: null, new_value: '2g' },
        ],
      },
    });
  });

  it('round-trips through commit message trailers', () => {
    const message = `Tune daily_sales\n\n- x\n\nSpark-Tuner-Fingerprint: abc123\n${recordTrailer(encoded)}\n`;
    expect(readRecord(message)).toMatchObject({ kind: 'record', record: { fingerprint: 'abc123', dag_id: 'daily_sales' } });
  });

  it('leaves the fingerprint marker as it was: old readers and withFingerprint keep working', () => {
    expect(readFingerprint(body)).toBe('abc123');
    expect(withFingerprint(body, 'abc123')).toBe(body);
    expect(withFingerprint(body, 'def456')).toContain(recordMarker(encoded));
  });

  it('an old body with only the fingerprint is skipped with a note; no marker at all is not a record', () => {
    expect(readRecord('body\n<!-- spark-tuner:fingerprint=old1 -->')).toEqual({
      kind: 'skipped',
      fingerprint: 'old1',
      note: 'proposal old1 predates recorded values (no spark-tuner:record marker); it is not verified.',
    });
    expect(readRecord('just a body')).toEqual({ kind: 'none' });
    expect(readRecord(null)).toEqual({ kind: 'none' });
  });

  it('a tampered record is skipped, not trusted', () => {
    const bad = Buffer.from('{"v":2}').toString('base64url');
    expect(readRecord(`${recordMarker(bad)}\n<!-- spark-tuner:fingerprint=f1 -->`)).toMatchObject({ kind: 'skipped', fingerprint: 'f1' });
    expect(readRecord(`${recordMarker('!!!')}\n<!-- spark-tuner:fingerprint=f2 -->`)).toMatchObject({ kind: 'skipped' });
  });
});

describe('verifyQuery', () => {
  it('asks for the DAG from the evidence window until now', async () => {
    const { verifyQuery } = await import('../../src/verify/verify-record.js');
    const record = { fingerprint: 'f', dag_id: 'd', changes: [], window: WINDOW };
    expect(verifyQuery(record, 1_702_000_000_000)).toEqual({ dag_id: 'd', task_id: null, since: WINDOW.since, until: 1_702_000_000_000 });
  });
});
