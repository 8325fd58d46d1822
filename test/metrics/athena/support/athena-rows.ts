import { athenaType, SUMMARY_COLUMNS } from '../../../../src/metrics/summary-columns.js';
import type { ApplicationSummary } from '../../../../src/metrics/summary.js';
import { toTableRow } from '../../../../src/metrics/table-row.js';

/** A result column as Athena describes it. */
export interface FakeColumn {
  name: string;
  type: string;
}

/** The summary table's columns, with the types Athena reports for them. */
export const TABLE_COLUMNS: FakeColumn[] = SUMMARY_COLUMNS.map((column) => ({ name: column.name, type: athenaType(column.type) }));

/**
 * A summary as Athena returns it: every value a string (`VarCharValue`), timestamps as `YYYY-MM-DD HH:MM:SS.fff`,
 * doubles as Java prints them (`1.0E-4`), JSON columns as text, null as a missing value.
 */
export function athenaRow(summary: ApplicationSummary, columns: FakeColumn[] = TABLE_COLUMNS): (string | null)[] {
  const row = toTableRow(summary);
  return columns.map((column) => {
    const value = row[column.name] ?? null;
    if (value === null) return null;
    if (column.type === 'timestamp') return new Date(Number(value)).toISOString().replace('T', ' ').replace('Z', '');
    if (column.type === 'double') return javaDouble(Number(value));
    return String(value);
  });
}

/** How Trino prints a double: `0.25`, `3.0`, `1.0E-4`, `2.5E7`. */
export function javaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(value);
  if (value === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) return Number.isInteger(value) ? `${value}.0` : String(value);
  const [mantissa = '', exponent = ''] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}
