import type { TaskDiagnosis } from '../../diagnose/types.js';
import { formatBytes } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { formatPercent, plural } from '../../format.js';
import type { NarrativeInput } from '../types.js';

export function healthSection(input: NarrativeInput): string {
  if (input.diagnoses.length === 0) return 'No runs to assess.';
  return input.diagnoses.map(taskLine).join('\n');
}

function taskLine(d: TaskDiagnosis): string {
  const runs = d.latest ? [d.latest] : [];
  const failedRuns = d.runs_in_window - d.successful_runs_in_window;
  const parts = [
    failedRuns === 0 ? `all ${plural(d.runs_in_window, 'run')} in the window succeeded` : `${failedRuns} of ${d.runs_in_window} runs did not succeed`,
    ...runs.flatMap(latestRunFacts),
  ];
  const reliability = d.findings.filter((f) => f.kind === 'reliability').map((f) => f.title);
  return `- ${d.task_id}: ${[...parts, ...reliability].join('; ')}.`;
}

function latestRunFacts(run: ApplicationSummary): string[] {
  const facts: string[] = [];
  if (run.tasks_total !== null) {
    facts.push(`the latest run had ${run.tasks_failed ?? 0} failed of ${plural(run.tasks_total, 'task')}`);
  }
  const spill = (run.memory_bytes_spilled ?? 0) + (run.disk_bytes_spilled ?? 0);
  if (run.memory_bytes_spilled !== null) facts.push(spill > 0 ? `it spilled ${formatBytes(spill)}` : 'no spill');
  if (run.gc_time_ratio !== null) facts.push(`GC took ${formatPercent(run.gc_time_ratio)} of executor time`);
  if (run.metrics_quality.length > 0) facts.push(`metrics notes: ${run.metrics_quality.join(', ')}`);
  return facts;
}
