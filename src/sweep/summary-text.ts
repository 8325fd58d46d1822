import type { HeldProposal, RepoReport, SweepSummary } from './types.js';

/** The printed summary of a pass: a totals line, then one block per opted-in repository and each failure. */
export function summaryText(summary: SweepSummary): string {
  if (summary.fatal !== null) return `spark-tuner sweep: nothing was swept: ${summary.fatal}\n`;
  const lines = [totalsLine(summary)];
  for (const failure of summary.failures) lines.push(`${failure.scope}: FAILED: ${sentence(failure.reason)}`);
  for (const report of summary.reports) lines.push(...repoLines(report));
  return `${lines.join('\n')}\n`;
}

/** The sweep's counts in one line. */
export function totalsLine(summary: SweepSummary): string {
  const count = (pick: (r: RepoReport) => number): number => summary.reports.reduce((sum, r) => sum + pick(r), 0);
  const published = (kind: string) => count((r) => r.published.filter((p) => p.kind === kind).length);
  const failed = summary.reports.filter((r) => r.status === 'failed').length + summary.failures.length;
  return (
    `spark-tuner sweep: ${summary.installations} installation(s), ${summary.repositories} repositories, ` +
    `${summary.reports.length} opted in; pull requests: ${published('opened')} opened, ${published('updated')} updated, ` +
    `${published('unchanged')} unchanged, ${count((r) => r.held_back.length)} held back; ` +
    `${failed} failure(s) and ${count((r) => r.failures.length)} DAG failure(s).`
  );
}

function repoLines(report: RepoReport): string[] {
  const name = `${report.repo.owner}/${report.repo.repo}`;
  if (report.status === 'disabled') return [`${name}: disabled (enabled: false).`];
  const head = report.status === 'failed' ? `${name}: FAILED: ${sentence(report.reason ?? 'unknown')}` : `${name}: ${report.dags} DAG(s), ${report.dags_with_runs} with runs.`;
  const lines = [head];
  for (const problem of report.config_problems) lines.push(`  config: ${problem}`);
  for (const pr of report.published) lines.push(`  ${pr.kind} #${pr.pr.number} ${pr.dag_id}: ${pr.title}`);
  lines.push(...held('held back', report.held_back), ...held('dry run', report.dry_run), ...held('ignored', report.ignored));
  lines.push(...held('blocked', report.blocked), ...held('refused', report.refused));
  for (const person of report.needs_person) lines.push(`  needs a person ${person.dag_id}.${person.task_id}: ${person.title}`);
  for (const failure of report.failures) lines.push(`  FAILED ${failure.dag_id}: ${sentence(failure.reason)}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines;
}

function held(label: string, list: HeldProposal[]): string[] {
  return list.map((item) => `  ${label} ${item.dag_id}: ${item.reason.replace(/\.$/, '')}${item.pr ? ` (#${item.pr.number})` : ''}`);
}

/** The text with exactly one final period. */
function sentence(text: string): string {
  return `${text.replace(/\.+$/, '')}.`;
}
