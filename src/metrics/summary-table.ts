import { formatDuration, formatNumber } from '../format.js';
import { formatBytes, formatMemoryMb } from './memory-size.js';
import type { ApplicationSummary } from './summary.js';

interface Column {
  header: string;
  /** Right-aligned (numbers) or left-aligned (names). */
  right: boolean;
  cell(row: ApplicationSummary): string;
}

const NONE = '-';

const COLUMNS: Column[] = [
  { header: 'APP ID', right: false, cell: (row) => row.app_id },
  { header: 'ATTEMPT', right: false, cell: (row) => row.attempt_id ?? NONE },
  { header: 'DAG.TASK', right: false, cell: (row) => (row.dag_id === null ? NONE : `${row.dag_id}.${row.task_id ?? '?'}`) },
  { header: 'STATUS', right: false, cell: (row) => row.status },
  { header: 'DURATION', right: true, cell: (row) => (row.duration_ms === null ? NONE : formatDuration(row.duration_ms)) },
  { header: 'EXECUTORS', right: true, cell: (row) => count(row.executors_max_concurrent) },
  { header: 'MEMORY', right: true, cell: (row) => (row.executor_memory_mb === null ? NONE : formatMemoryMb(row.executor_memory_mb)) },
  { header: 'PEAK HEAP', right: true, cell: peakHeap },
  { header: 'TASKS FAILED/TOTAL', right: true, cell: (row) => `${count(row.tasks_failed)}/${count(row.tasks_total)}` },
  { header: 'SPILL', right: true, cell: (row) => (row.disk_bytes_spilled ? formatBytes(row.disk_bytes_spilled) : NONE) },
  { header: 'GC', right: true, cell: (row) => (row.gc_time_ratio === null ? NONE : `${formatNumber(row.gc_time_ratio * 100)}%`) },
];

/**
 * Summaries as a compact text table for people (`summarize --format table`): one line per
 * application attempt; `-` where a value is unknown. Executors are the most that ran at once,
 * memory is `spark.executor.memory`, peak heap the highest executor JVM heap (with its share
 * of that memory), spill what went to disk, GC the share of task run time spent in GC.
 */
export function summaryTable(rows: readonly ApplicationSummary[]): string {
  const cells = [COLUMNS.map((column) => column.header), ...rows.map((row) => COLUMNS.map((column) => column.cell(row)))];
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((line) => (line[index] ?? '').length)));
  const lines = cells.map((line) => line
    .map((cell, index) => (COLUMNS[index]?.right ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0)))
    .join('  ')
    .trimEnd());
  return `${lines.join('\n')}\n`;
}

function peakHeap(row: ApplicationSummary): string {
  const peak = row.executor_peak_jvm_heap_bytes;
  if (peak === null) return NONE;
  const memory = row.executor_memory_mb;
  const share = memory ? ` (${Math.round((peak / (memory * 1024 * 1024)) * 100)}%)` : '';
  return `${formatBytes(peak)}${share}`;
}

function count(value: number | null): string {
  return value === null ? '?' : formatNumber(value, 0);
}
