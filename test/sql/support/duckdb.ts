import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SUMMARY_COLUMNS } from '../../../src/metrics/summary-columns.js';
import type { TableRow } from '../../../src/metrics/table-row.js';
import { DUCKDB_PRELUDE, DUCKDB_SETTINGS } from './trino-to-duckdb.js';

export interface DuckDb {
  connection: DuckDBConnection;
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

/** An in-memory DuckDB set up to behave as Athena does (UTC session, the Trino functions it lacks as macros). */
export async function openDuckDb(): Promise<DuckDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of [...DUCKDB_SETTINGS, ...DUCKDB_PRELUDE]) await connection.run(statement);
  return {
    connection,
    run: async (sql) => {
      await connection.run(sql);
    },
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * A DuckDB result row (bigint as BigInt, timestamps already turned into epoch ms by the query) as a TableRow:
 * numbers, booleans, strings and nulls, in catalog order.
 */
export function tableRowOf(row: Record<string, unknown>): TableRow {
  const out: TableRow = {};
  for (const column of SUMMARY_COLUMNS) {
    const value = row[column.name];
    if (value === null || value === undefined) out[column.name] = null;
    else if (typeof value === 'bigint') out[column.name] = Number(value);
    else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') out[column.name] = value;
    else throw new Error(`Column ${column.name} came back as ${typeof value}.`);
  }
  return out;
}
