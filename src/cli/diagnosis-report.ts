import type { Evidence, Finding, HeldBack, Impact, Recommendation, TaskDiagnosis } from '../diagnose/types.js';
import { formatDuration, formatNumber, formatUsd, isoDate, plural } from '../format.js';

/**
 * A readable report of one task's diagnosis, for the terminal: the same content as `--json` (window,
 * findings with their evidence, recommendations, what the guardrails held back, impact, notes).
 */
export function diagnosisReport(d: TaskDiagnosis): string {
  const days = Math.round((d.window.until - d.window.since) / 86_400_000);
  const lines = [
    `${d.dag_id}.${d.task_id}: ${plural(d.runs_in_window, 'run')} in the ${days}-day window ${isoDate(d.window.since)} – ${isoDate(d.window.until)} ` +
      `(${d.successful_runs_in_window} succeeded)`,
  ];
  if (d.latest) lines.push(`  latest run: ${d.latest.app_id}${d.latest.attempt_id ? ` attempt ${d.latest.attempt_id}` : ''}, ${d.latest.status}, started ${isoDate(d.latest.start_time)}`);
  for (const finding of d.findings) lines.push(...findingLines(finding, d.held_back ?? []));
  if (d.recommendations.length > 0) lines.push('  recommendations:');
  for (const rec of d.recommendations) {
    lines.push(`  → ${rec.key}: ${rec.current ?? 'unset'} → ${rec.proposed}  (${rec.rule_id}: ${rec.reason})`);
    if (rec.runtime_effect) lines.push(`      runtime: ${rec.runtime_effect}`);
  }
  const heldBack = d.held_back ?? [];
  if (heldBack.length > 0) lines.push('  held back by the guardrails (not proposed):');
  for (const held of heldBack) {
    const rec = held.recommendation;
    lines.push(`  ✗ ${rec.key}: ${rec.current ?? 'unset'} → ${rec.proposed}  (${rec.rule_id}; ${held.guardrail}: ${held.reason})`);
  }
  if (d.impact) lines.push(...impactLines(d.impact));
  for (const note of d.notes) lines.push(`  note: ${note}`);
  if (d.findings.length === 0 && d.notes.length === 0) lines.push('  no finding: the configuration fits the runs');
  return `${lines.join('\n')}\n`;
}

function findingLines(finding: Finding, heldBack: HeldBack[]): string[] {
  const human = finding.needs_human ? ' [needs a person]' : '';
  const lines = [`  [${finding.kind}] ${finding.rule_id}: ${finding.title}${human}`, `      ${finding.detail}`];
  const held = (rec: Recommendation): string =>
    heldBack.some((h) => h.recommendation.key === rec.key && h.recommendation.rule_id === rec.rule_id) ? ' (held back)' : '';
  if (finding.recommendations.length > 0) {
    lines.push(`      suggests: ${finding.recommendations.map((rec) => `${rec.key}=${rec.proposed}${held(rec)}`).join(', ')}`);
  }
  return [...lines, ...evidenceLines(finding.evidence)];
}

function evidenceLines(e: Evidence): string[] {
  const versions = e.spark_versions.length > 0 ? `Spark ${e.spark_versions.join(', ')}` : 'Spark version unknown';
  const stages = e.stages && e.stages.length > 0 ? `; stage ${e.stages.join(', ')}` : '';
  const values = Object.entries(e.values).map(([key, value]) => `${key}=${shown(value)}`).join(', ');
  const lines = [`      evidence: ${plural(e.runs.length, 'run')}, ${versions}, from ${e.metric_source}${stages}; ${values}`];
  for (const run of e.runs) {
    const facts = Object.entries(run.values).map(([key, value]) => `${key}=${shown(value)}`).join(', ');
    const attempt = run.attempt_id ? ` attempt ${run.attempt_id}` : '';
    const id = run.run_id ? ` ${run.run_id}` : '';
    lines.push(`        - ${run.app_id}${attempt}${id} (${isoDate(run.start_time)}, ${run.status}): ${facts}`);
  }
  return lines;
}

/** A value as the report shows it: fractions to 3 decimals, the rest as JSON has it. */
export function shown(value: number | string | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 1000) / 1000);
  return String(value);
}

function impactLines(i: Impact): string[] {
  const n = (value: number): string => formatNumber(value, value < 10 ? 2 : 1);
  const lines = [
    `  impact per run (mean of ${plural(i.runs, 'run')}): executors ${n(i.gb_hours_before)} → ${n(i.gb_hours_after)} GB-hours, ` +
      `${n(i.core_hours_before)} → ${n(i.core_hours_after)} core-hours; ${formatUsd(i.cost_before_usd)} → ${formatUsd(i.cost_after_usd)} ` +
      `at $${i.prices.vcpu_hour_usd}/vCPU-hour and $${i.prices.gb_hour_usd}/GB-hour`,
  ];
  if (i.driver_gb_hours_before !== undefined && i.driver_gb_hours_after !== undefined) {
    lines.push(`      driver ${n(i.driver_gb_hours_before)} → ${n(i.driver_gb_hours_after)} GB-hours (priced in the cost)`);
  }
  if (i.runtime_ms_before !== undefined && i.runtime_ms_after !== undefined) {
    lines.push(`      runtime per run ${formatDuration(i.runtime_ms_before)} → ${formatDuration(i.runtime_ms_after)} (${i.runtime_method ?? 'as measured'})`);
  }
  if (i.runtime_effect) lines.push(`      runtime: ${i.runtime_effect}`);
  return lines;
}
