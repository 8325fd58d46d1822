import { describe, expect, it } from 'vitest';
import { athenaType, SUMMARY_COLUMNS } from '../../src/metrics/summary-columns.js';
import { ddlColumns, readSqlFile } from './support/sql-files.js';

/** Athena's DDL spells varchar `string`; Iceberg and DML see varchar. */
function ddlType(type: string): string {
  return type === 'varchar' ? 'string' : type;
}

describe('sql/ DDL against the summary column catalog', () => {
  it('summary_table.sql has every catalog column, in order, with its Athena type', () => {
    const expected = SUMMARY_COLUMNS.map((column) => ({ name: column.name, type: ddlType(athenaType(column.type)) }));
    expect(ddlColumns(readSqlFile('summary_table.sql'))).toEqual(expected);
  });

  it('summary_table.sql is an Iceberg table partitioned by the day of start_time', () => {
    const sql = readSqlFile('summary_table.sql');
    expect(sql).toMatch(/PARTITIONED BY \(day\(start_time\)\)/);
    expect(sql).toMatch(/'table_type' = 'ICEBERG'/);
  });

  it('ingest_external_table.sql has the same columns, with epoch-ms bigint times and JSON as strings, partitioned by dt', () => {
    const expected = SUMMARY_COLUMNS.map((column) => ({
      name: column.name,
      type: column.type === 'timestamp' ? 'bigint' : ddlType(athenaType(column.type)),
    }));
    const sql = readSqlFile('ingest_external_table.sql');
    expect(ddlColumns(sql)).toEqual(expected);
    expect(sql).toMatch(/PARTITIONED BY \(dt string\)/);
    expect(sql).toMatch(/'projection\.dt\.format' = 'yyyy-MM-dd'/);
  });

  it('merge_ingest.sql names every catalog column in its INSERT and updates every non-key column', () => {
    const sql = readSqlFile('merge_ingest.sql');
    const quoted = (name: string): string => (name === 'user' ? '"user"' : name);
    const insert = /INSERT \(([^)]*)\)/.exec(sql)?.[1]?.split(',').map((name) => name.trim());
    expect(insert).toEqual(SUMMARY_COLUMNS.map((column) => quoted(column.name)));
    const updated = [...sql.matchAll(/^\s+("?\w+"?) = s\./gm)].map((match) => match[1]);
    expect(updated).toEqual(SUMMARY_COLUMNS.filter((column) => column.name !== 'app_id' && column.name !== 'attempt_id').map((column) => quoted(column.name)));
  });
});
