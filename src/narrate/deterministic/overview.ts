import type { TaskDiagnosis } from '../../diagnose/types.js';
import { formatDuration, isoDate, plural } from '../../format.js';
import type { NarrativeInput } from '../types.js';

const SOURCE_NAMES: Record<string, string> = { eventlogs: 'Spark event logs', athena: 'the Athena summary table' };

export function overviewSection(input: NarrativeInput): string {
  const [first] = input.diagnoses;
  if (!first) return `No runs of ${input.dag_id} were found in ${sourceName(input.metric_source)}.`;
  const versions = [...new Set(input.diagnoses.flatMap((d) => d.findings.flatMap((f) => f.evidence.spark_versions)))];
  const latestVersion = input.diagnoses.map((d) => d.latest?.spark_version).find((v) => v);
  const version = versions.length > 0 ? versions.join(', ') : (latestVersion ?? 'an unknown version');
  const where = input.file_path ? `, defined in ${input.file_path}` : '';
  const lines = [
    `DAG ${input.dag_id}${where}, runs Spark in ${plural(input.diagnoses.length, 'task')} with history. ` +
      `The analysis covers the ${windowDays(first)}-day window ending ${isoDate(first.window.until)}, ` +
      `Spark ${version}, measured from ${sourceName(input.metric_source)}.`,
    '',
    ...input.diagnoses.map(taskLine),
  ];
  return lines.join('\n');
}

function taskLine(d: TaskDiagnosis): string {
  const failed = d.runs_in_window - d.successful_runs_in_window;
  const app = d.latest?.app_name ? ` (Spark application ${d.latest.app_name})` : '';
  return (
    `- ${d.task_id}${app}: ${plural(d.runs_in_window, 'run')} in the window, ${d.successful_runs_in_window} succeeded` +
    `${failed > 0 ? `, ${failed} did not` : ''}; the latest took ${formatDuration(d.latest?.duration_ms ?? null)}.`
  );
}

function windowDays(d: TaskDiagnosis): number {
  return Math.round((d.window.until - d.window.since) / 86_400_000);
}

export function sourceName(source: string): string {
  return SOURCE_NAMES[source] ?? source;
}
