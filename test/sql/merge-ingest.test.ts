import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { fromTableRow, toTableRow } from '../../src/metrics/table-row.js';
import { hasSharedEvents, sharedLog } from '../support/shared-data.js';
import { openDuckDb, tableRowOf, type DuckDb } from './support/duckdb.js';
import { ddlColumns, readSqlFile, substitute } from './support/sql-files.js';
import { DDL_REWRITES, translateToDuckDb } from './support/trino-to-duckdb.js';

const NAMES = { database: 'spark_tuner', table: 'summary', ingest_table: 'summary_ingest', location: 'unused', since_dt: '1970-01-01' };

/** Where the ingest files a row: `dt=<UTC day of start_time>/<app_id>[_<attempt_id>].jsonl`. */
function ingestFile(out: string, summary: ApplicationSummary, name = `${summary.app_id}${summary.attempt_id === null ? '' : `_${summary.attempt_id}`}`): string {
  const day = new Date(summary.start_time ?? 0).toISOString().slice(0, 10);
  return path.join(out, `dt=${day}`, `${name}.jsonl`);
}

async function writeRow(out: string, summary: ApplicationSummary, name?: string): Promise<void> {
  const file = ingestFile(out, summary, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(toTableRow(summary))}\n`);
}

/** DuckDB's stand-in for the external table: a view over the same files, with the external DDL's columns. */
function ingestView(out: string): string {
  const columns = ddlColumns(readSqlFile('ingest_external_table.sql'))
    .map(({ name, type }) => `'${name}': '${type === 'string' ? 'VARCHAR' : type.toUpperCase()}'`).join(', ');
  // Athena skips files whose names start with `_`; the glob does the same.
  return `CREATE OR REPLACE VIEW ${NAMES.database}.${NAMES.ingest_table} AS SELECT * FROM read_json('${out}/dt=*/[!_]*.jsonl',
    format = 'newline_delimited', columns = {${columns}}, hive_partitioning = true, hive_types = {'dt': 'VARCHAR'})`;
}

const READ_BACK = `SELECT * REPLACE (epoch_ms(start_time) AS start_time, epoch_ms(end_time) AS end_time)
  FROM ${NAMES.database}.${NAMES.table} ORDER BY app_id, attempt_id`;

const key = (summary: ApplicationSummary): string => `${summary.app_id}/${summary.attempt_id ?? ''}`;

describe.skipIf(!hasSharedEvents)('sql/merge_ingest.sql (run by DuckDB) over JSON Lines written with toTableRow', () => {
  let db: DuckDb;
  let out: string;
  let summaries: ApplicationSummary[];
  const mergeSql = translateToDuckDb(substitute(readSqlFile('merge_ingest.sql'), NAMES));
  /** DuckDB lists a view's files when it is created, so the view is made anew before each MERGE. */
  const merge = async (): Promise<void> => {
    await db.run(ingestView(out));
    await db.run(mergeSql);
  };

  beforeAll(async () => {
    ({ summaries } = await summarizeEventLogs([sharedLog('apache-spark/core/src/test/resources/spark-events')]));
    out = await mkdtemp(path.join(tmpdir(), 'spark-tuner-merge-'));
    db = await openDuckDb();
    await db.run(`CREATE SCHEMA ${NAMES.database}`);
    await db.run(translateToDuckDb(substitute(readSqlFile('summary_table.sql'), NAMES), DDL_REWRITES));
  });

  afterAll(async () => {
    db?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('inserts every attempt once, and a second MERGE of the same files changes nothing', async () => {
    const unique = new Map(summaries.map((summary) => [key(summary), summary]));
    expect(unique.size).toBeGreaterThan(10);
    for (const summary of unique.values()) await writeRow(out, summary);
    await writeFile(path.join(out, '_checkpoint.json'), '{"not":"a row"}\n');
    const first = [...unique.values()][0] as ApplicationSummary;
    // Bookkeeping the ingest leaves (`_…`) is never read, and an incomplete second copy of a log loses to the complete one.
    await writeRow(out, { ...first, app_name: 'partial write' }, `_${first.app_id}.tmp`);
    await writeRow(out, { ...first, end_time: null, status: 'incomplete', app_name: 'incomplete copy' }, `${first.app_id}-copy`);

    await merge();
    const once = (await db.rows(READ_BACK)).map((row) => fromTableRow(tableRowOf(row)));
    expect(once).toHaveLength(unique.size);
    expect(new Map(once.map((summary) => [key(summary), summary]))).toEqual(unique);

    await merge();
    const twice = (await db.rows(READ_BACK)).map((row) => fromTableRow(tableRowOf(row)));
    expect(twice).toEqual(once);
  });

  it('updates a re-ingested attempt in place and inserts a new one', async () => {
    const before = (await db.rows(READ_BACK)).length;
    const target = summaries.find((summary) => summary.status === 'succeeded' && summary.tasks_total !== null) as ApplicationSummary;
    const changed: ApplicationSummary = { ...target, status: 'failed', failure_reason: 'rerun failed', tasks_total: (target.tasks_total ?? 0) + 1, metrics_quality: ['updated'] };
    const added: ApplicationSummary = { ...target, app_id: 'application_0000000000000_0001', attempt_id: '1', spark_conf: { 'spark.a': 'b' } };
    await writeRow(out, changed);
    await writeRow(out, added);

    await merge();
    const after = (await db.rows(READ_BACK)).map((row) => fromTableRow(tableRowOf(row)));
    expect(after).toHaveLength(before + 1);
    expect(after.filter((summary) => key(summary) === key(target))).toEqual([changed]);
    expect(after.filter((summary) => key(summary) === key(added))).toEqual([added]);
  });
});
