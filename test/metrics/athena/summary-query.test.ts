import { describe, expect, it } from 'vitest';
import { stringLiteral, summaryQuery, timestampLiteral } from '../../../src/metrics/athena/summary-query.js';

const TABLE = { database: 'spark_metrics', table: 'application_summaries' };
const WINDOW = { since: Date.UTC(2026, 10, 6, 12), until: Date.UTC(2026, 10, 20, 12, 0, 0, 999) };

function where(sql: string): string {
  return sql.slice(sql.indexOf(' WHERE '));
}

describe('summaryQuery()', () => {
  it('reads every DAG in the window when no DAG is asked', () => {
    const query = summaryQuery(TABLE, { dag_id: null, task_id: null, ...WINDOW });
    expect(query?.parameters).toEqual(["'2026-11-06 12:00:00.000'", "'2026-11-20 12:00:00.999'"]);
    expect(where(query?.sql ?? '')).toBe(
      ' WHERE "start_time" >= CAST(? AS timestamp) AND "start_time" <= CAST(? AS timestamp) ORDER BY "start_time", "app_id", "attempt_id"',
    );
  });

  it('asks for each DAG id once, in one IN list', () => {
    const query = summaryQuery(TABLE, { dag_id: null, dag_ids: ['a', 'b.c', 'a', 'd-e'], task_id: 't', ...WINDOW });
    expect(query?.sql).toContain('AND "dag_id" IN (?, ?, ?) AND "task_id" = ? ORDER BY');
    expect(query?.parameters.slice(2)).toEqual(["'a'", "'b.c'", "'d-e'", "'t'"]);
  });

  it('prefers dag_id over dag_ids', () => {
    const query = summaryQuery(TABLE, { dag_id: 'x', dag_ids: ['a', 'b'], task_id: null, ...WINDOW });
    expect(query?.parameters.slice(2)).toEqual(["'x'"]);
    expect(query?.sql).toContain('AND "dag_id" = ? ORDER BY');
  });

  it('is null for an empty list of DAG ids', () => {
    expect(summaryQuery(TABLE, { dag_id: null, dag_ids: [], task_id: null, ...WINDOW })).toBeNull();
  });

  it('has one placeholder per parameter and no value in its text', () => {
    const query = summaryQuery(TABLE, { dag_id: null, dag_ids: ['alpha', 'beta'], task_id: 'gamma', ...WINDOW });
    expect(query?.sql.split('?').length).toBe((query?.parameters.length ?? 0) + 1);
    expect(query?.sql).not.toMatch(/alpha|beta|gamma|2026/);
  });

  it('refuses an invalid table name rather than quoting it', () => {
    expect(() => summaryQuery({ database: 'db', table: 't"; --' }, { dag_id: null, task_id: null, ...WINDOW })).toThrow(/letters, digits and underscores/);
  });
});

describe('literals', () => {
  it('quotes strings and doubles the quotes inside', () => {
    expect(stringLiteral("it's")).toBe("'it''s'");
  });

  it('writes timestamps as UTC text Athena casts', () => {
    expect(timestampLiteral(0)).toBe("'1970-01-01 00:00:00.000'");
  });
});
