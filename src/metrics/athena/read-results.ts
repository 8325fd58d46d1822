import { paginateGetQueryResults, type AthenaClient, type ColumnInfo } from '@aws-sdk/client-athena';
import { SUMMARY_COLUMNS } from '../summary-columns.js';
import type { TableRow } from '../table-row.js';
import { cellValue, fitsColumn } from './result-values.js';

/** Rows per GetQueryResults page (Athena's maximum). */
const PAGE_SIZE = 1000;

/**
 * Every row of a finished query, as table rows typed by the result's column metadata, one page at a time (only
 * one page is held). Pages through GetQueryResults; the first row of the first page is Athena's header row and is
 * dropped. Throws when a column of the summary catalog is missing or has a type that cannot hold it.
 */
export async function* readResults(client: AthenaClient, queryExecutionId: string): AsyncGenerator<TableRow> {
  let columns: ColumnInfo[] | null = null;
  const pages = paginateGetQueryResults({ client, pageSize: PAGE_SIZE }, { QueryExecutionId: queryExecutionId, MaxResults: PAGE_SIZE });
  for await (const page of pages) {
    const data = page.ResultSet?.Rows ?? [];
    if (columns === null) {
      columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      checkColumns(columns);
      data.shift();
    }
    const known = columns;
    for (const row of data) yield typedRow(known, row.Data ?? []);
  }
}

function typedRow(columns: ColumnInfo[], data: { VarCharValue?: string | undefined }[]): TableRow {
  const row: TableRow = {};
  columns.forEach((column, index) => {
    const name = column.Name ?? '';
    try {
      row[name] = cellValue(column.Type ?? 'varchar', data[index]?.VarCharValue);
    } catch (error) {
      throw new Error(`Column ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return row;
}

function checkColumns(columns: ColumnInfo[]): void {
  const types = new Map(columns.map((column) => [column.Name ?? '', column.Type ?? '']));
  for (const column of SUMMARY_COLUMNS) {
    const type = types.get(column.name);
    if (type === undefined) throw new Error(`The Athena result has no column ${column.name}.`);
    if (!fitsColumn(type, column.type)) {
      throw new Error(`The Athena table's column ${column.name} is ${type}, but spark-tuner needs ${column.type === 'json' ? 'varchar' : column.type}.`);
    }
  }
}
