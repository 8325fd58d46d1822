import { isAirflowId } from '../../config/airflow-id.js';
import { MetricsError } from '../metrics-error.js';
import type { MetricsQuery } from '../source.js';
import { SUMMARY_COLUMNS } from '../summary-columns.js';
import { quotedTable, type AthenaSettings } from './athena-settings.js';

/** A statement with positional `?` placeholders and its ExecutionParameters (Athena SQL literals, in order). */
export interface ParameterizedQuery {
  sql: string;
  parameters: string[];
}

const COLUMN_LIST = SUMMARY_COLUMNS.map((column) => `"${column.name}"`).join(', ');

/**
 * The one statement that reads a window of summary rows: the catalog's columns by name, the window as a
 * predicate on `start_time` (the table is partitioned by its day, so Athena reads only those partitions), and
 * the DAG (or the repository's DAG ids) and task asked for. Every value is a parameter; ids are validated
 * first. Null when the query asks for an empty list of DAG ids: nothing to read.
 */
export function summaryQuery(table: Pick<AthenaSettings, 'database' | 'table'>, query: MetricsQuery): ParameterizedQuery | null {
  const where = ['"start_time" >= CAST(? AS timestamp)', '"start_time" <= CAST(? AS timestamp)'];
  const parameters = [timestampLiteral(query.since), timestampLiteral(query.until)];
  const dagIds = query.dag_id !== null ? [query.dag_id] : query.dag_ids;
  if (dagIds !== undefined) {
    if (dagIds.length === 0) return null;
    const unique = [...new Set(dagIds)];
    unique.forEach((id) => requireId(id, 'DAG'));
    where.push(unique.length === 1 ? '"dag_id" = ?' : `"dag_id" IN (${unique.map(() => '?').join(', ')})`);
    parameters.push(...unique.map(stringLiteral));
  }
  if (query.task_id !== null) {
    requireId(query.task_id, 'task');
    where.push('"task_id" = ?');
    parameters.push(stringLiteral(query.task_id));
  }
  const sql = `SELECT ${COLUMN_LIST} FROM ${quotedTable(table)} WHERE ${where.join(' AND ')} ORDER BY "start_time", "app_id", "attempt_id"`;
  return { sql, parameters };
}

/** An Athena string literal: single quotes, a quote inside doubled. */
export function stringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Epoch ms as Athena's timestamp text (`YYYY-MM-DD HH:MM:SS.fff`, UTC), quoted for CAST(? AS timestamp). */
export function timestampLiteral(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new Error(`Not a time: ${epochMs}.`);
  return stringLiteral(new Date(epochMs).toISOString().replace('T', ' ').replace('Z', ''));
}

function requireId(id: string, what: 'DAG' | 'task'): void {
  if (isAirflowId(id)) return;
  const shown = id.length > 60 ? `${id.slice(0, 60)}…` : id;
  throw new MetricsError(`"${shown}" is not a valid Airflow ${what} id (letters, digits, _, ., -; at most 250).`);
}
