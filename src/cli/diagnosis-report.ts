import type { TaskDiagnosis } from '../diagnose/types.js';
import { formatNumber, formatUsd, isoDate, plural } from '../format.js';

/** A readable report of one task's diagnosis, for the terminal. */
export function diagnosisReport(d: TaskDiagnosis): string {
  const days = Math.round((d.window.until - d.window.since) / 86_400_000);
  const lines = [
    `${d.dag_id}.${d.task_id}: ${plural(d.runs_in_window, 'run')} in the ${days}-day window ending ${isoDate(d.window.until)} ` +
      `(${d.successful_runs_in_window} succeeded)`,
  ];
  for (const finding of d.findings) {
    lines.push(`  [${finding.kind}] ${finding.rule_id}: ${finding.title}`, `      ${finding.detail}`);
  }
  for (const rec of d.recommendations) {
    lines.push(`  → ${rec.key}: ${rec.current ?? 'unset'} → ${rec.proposed}  (${rec.reason})`);
  }
  if (d.impact) {
    const i = d.impact;
    lines.push(
      `  impact per run: ${formatNumber(i.gb_hours_before)} → ${formatNumber(i.gb_hours_after)} GB-hours, ` +
        `${formatNumber(i.core_hours_before)} → ${formatNumber(i.core_hours_after)} core-hours, ` +
        `${formatUsd(i.cost_before_usd)} → ${formatUsd(i.cost_after_usd)}`,
    );
  }
  for (const note of d.notes) lines.push(`  note: ${note}`);
  if (d.findings.length === 0 && d.notes.length === 0) lines.push('  no finding: the configuration fits the runs');
  return `${lines.join('\n')}\n`;
}
