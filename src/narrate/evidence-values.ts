import type { RunEvidence } from '../diagnose/types.js';
import { formatDuration, formatPercent } from '../format.js';
import { formatBytes, formatMemoryMb } from '../metrics/memory-size.js';

/** Columns shown elsewhere in the evidence table, or not worth a cell. */
const SHOWN_ELSEWHERE = new Set(['duration_ms', 'status']);

/** Readable names for the columns rules cite most; others are the column name without its unit. */
const LABELS: Record<string, string> = {
  executor_memory_mb: 'executor memory',
  executor_peak_jvm_heap_bytes: 'peak heap',
  driver_memory_mb: 'driver memory',
  driver_peak_jvm_heap_bytes: 'driver peak heap',
  gc_time_ratio: 'GC',
  executor_memory_overhead_mb: 'overhead',
};

/** One run's evidence values as a short phrase, e.g. `executor memory 16g, peak heap 5.5 GiB, GC 2%`. */
export function describeEvidenceValues(values: RunEvidence['values']): string {
  const parts: string[] = [];
  for (const [column, value] of Object.entries(values)) {
    if (SHOWN_ELSEWHERE.has(column) || value === null || value === '') continue;
    parts.push(`${label(column)} ${formatValue(column, value)}`);
  }
  return parts.join(', ') || '–';
}

function label(column: string): string {
  return LABELS[column] ?? column.replace(/_bytes(?=_|$)|_(ms|mb|ratio)$/g, '').replaceAll('_', ' ');
}

function formatValue(column: string, value: number | string | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (/_bytes(_|$)/.test(column)) return formatBytes(value);
  if (column.endsWith('_ms')) return formatDuration(value);
  if (column.endsWith('_mb')) return formatMemoryMb(value);
  if (column.endsWith('_ratio')) return column === 'gc_time_ratio' || value <= 1 ? formatPercent(value) : `${Math.round(value * 10) / 10}×`;
  return value.toLocaleString('en-US');
}
