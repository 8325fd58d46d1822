import { formatDuration, formatNumber, formatUsd, isoDate, plural } from '../format.js';
import type { RunCost } from './run-cost.js';
import type { TaskWhatIf } from './whatif-task.js';

/** The plain table of a what-if: one line per run, the mean per run, the runs left out and the method. */
export function whatifReport(task: string, result: TaskWhatIf): string {
  const cores = result.proposal.cores === null ? 'today’s cores' : `${result.proposal.cores} cores each`;
  const lines = [`${task} at ${plural(result.proposal.executors, 'executor')} (${cores})`, ''];
  const rows: string[][] = [['run', 'started', 'executors', 'cores', 'runtime', 'executor-hours', 'GB-hours', 'cost']];
  for (const run of result.runs) {
    const r = run.replay;
    rows.push([
      run.attempt_id ? `${run.app_id} (attempt ${run.attempt_id})` : run.app_id,
      isoDate(run.start_time),
      `${r.executors_before} → ${r.executors_after}`,
      `${r.cores_before} → ${r.cores_after}`,
      `${formatDuration(r.wall_ms_before)} → ${formatDuration(r.wall_ms_after)}`,
      ...costCells(run.before, run.after),
    ]);
  }
  const overall = result.overall;
  if (overall) {
    rows.push([
      `mean of ${plural(overall.runs, 'run')}`, '', '', '',
      `${formatDuration(overall.wall_ms_before)} → ${formatDuration(overall.wall_ms_after)}`,
      ...costCells(overall.before, overall.after),
    ]);
  }
  if (result.runs.length > 0) lines.push(...table(rows), '');
  else lines.push('No run could be replayed.', '');
  for (const skipped of result.skipped) lines.push(`left out: ${skipped.app_id}${skipped.attempt_id ? ` (attempt ${skipped.attempt_id})` : ''}: ${skipped.reason}`);
  lines.push(`method: ${result.method}`, 'cost: allocated executor cores and memory (heap + overhead) and the driver container, at the configured prices', '');
  return lines.join('\n');
}

function costCells(before: RunCost, after: RunCost): string[] {
  const n = (value: number): string => formatNumber(value, value < 10 ? 2 : 1);
  return [`${n(before.executor_hours)} → ${n(after.executor_hours)}`, `${n(before.gb_hours)} → ${n(after.gb_hours)}`, `${formatUsd(before.cost_usd)} → ${formatUsd(after.cost_usd)}`];
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}
