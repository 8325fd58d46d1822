import type { SummaryColumnType } from '../summary-columns.js';

/** A typed cell of a result row. */
export type CellValue = string | number | boolean | null;

const INTEGER_TYPES = new Set(['bigint', 'integer', 'int', 'smallint', 'tinyint']);
const FLOAT_TYPES = new Set(['double', 'real', 'float']);
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,12}))?(?: UTC)?$/;

/** The base name of an Athena result type: `timestamp(3)` → `timestamp`, `varchar(255)` → `varchar`. */
export function baseType(athenaType: string): string {
  return athenaType.toLowerCase().replace(/\(.*$/, '').trim();
}

/**
 * One result cell, by the type Athena reports for its column (every value arrives as text): integers and
 * doubles become numbers, booleans booleans, timestamps (`YYYY-MM-DD HH:MM:SS.fff`, UTC) epoch milliseconds, the
 * rest stays text. A Datum without `VarCharValue` is SQL NULL.
 */
export function cellValue(athenaType: string, text: string | undefined): CellValue {
  if (text === undefined) return null;
  const type = baseType(athenaType);
  if (INTEGER_TYPES.has(type)) return integer(text);
  if (FLOAT_TYPES.has(type) || type === 'decimal') return float(text);
  if (type === 'boolean') return bool(text);
  if (type === 'timestamp' || type === 'timestamp with time zone') return timestamp(text);
  return text;
}

/** Whether a column of Athena type `athenaType` can hold what the summary catalog says the column is. */
export function fitsColumn(athenaType: string, column: SummaryColumnType): boolean {
  const type = baseType(athenaType);
  switch (column) {
    case 'bigint':
      return INTEGER_TYPES.has(type);
    case 'double':
      return FLOAT_TYPES.has(type) || type === 'decimal' || INTEGER_TYPES.has(type);
    case 'boolean':
      return type === 'boolean';
    case 'timestamp':
      return type.startsWith('timestamp');
    case 'varchar':
    case 'json':
      return type === 'varchar' || type === 'char' || type === 'string' || type === 'json';
  }
}

function integer(text: string): number {
  if (!/^-?\d+$/.test(text)) throw new Error(`"${text}" is not an integer.`);
  return Number(text);
}

function float(text: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new Error(`"${text}" is not a number.`);
  return value;
}

function bool(text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new Error(`"${text}" is not a boolean.`);
}

function timestamp(text: string): number {
  const match = TIMESTAMP.exec(text);
  if (!match) throw new Error(`"${text}" is not a timestamp.`);
  const [, y, mo, d, h, mi, s, fraction] = match.map((part) => part ?? '');
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}
