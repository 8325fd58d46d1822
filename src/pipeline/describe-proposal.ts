import { createHash } from 'node:crypto';
import type { AppliedEdit } from '../dags/types.js';
import type { TaskDiagnosis } from '../diagnose/types.js';
import { recordTrailer } from '../verify/record-marker.js';

/** `Tune daily_sales.load_orders: spark.executor.memory 16g → 8g` (the dag id and the setting verbatim). */
export function proposalTitle(dagId: string, edits: AppliedEdit[]): string {
  const [first] = edits;
  if (!first) return `Tune ${dagId}`;
  const change = `${first.key} ${first.old_value ?? 'unset'} → ${first.new_value}`;
  const more = edits.length > 1 ? ` (+${edits.length - 1} more)` : '';
  const oneTask = edits.every((edit) => edit.task_id === first.task_id);
  return oneTask ? `Tune ${dagId}.${first.task_id}: ${change}${more}` : `Tune ${dagId}: ${first.task_id} ${change}${more}`;
}

/** Equal proposals (same file, settings and values) have equal fingerprints, whatever the base commit. */
export function proposalFingerprint(dagId: string, filePath: string, edits: AppliedEdit[]): string {
  const settings = edits.map((edit) => [edit.task_id, edit.key, edit.new_value]).sort((a, b) => a.join('\0').localeCompare(b.join('\0')));
  return createHash('sha256').update(JSON.stringify({ dagId, filePath, settings })).digest('hex').slice(0, 16);
}

/** The commit message: the title, each change with its reason, and the fingerprint (and the record, for verification) as trailers. */
export function commitMessage(title: string, edits: AppliedEdit[], diagnoses: TaskDiagnosis[], fingerprint: string, record?: string): string {
  const lines = edits.map((edit) => {
    const reason = diagnoses.find((d) => d.task_id === edit.task_id)?.recommendations.find((r) => r.key === edit.key)?.reason;
    return `- ${edit.task_id}: ${edit.key} ${edit.old_value ?? 'unset'} → ${edit.new_value}${reason ? ` (${reason})` : ''}`;
  });
  return [title, '', 'Proposed by spark-tuner from measured runs:', '', ...lines, '', ...(record ? [recordTrailer(record)] : []), `Spark-Tuner-Fingerprint: ${fingerprint}`, ''].join('\n');
}

/** `spark-tuning` (or the repository's labels) plus `cost` and/or `reliability`. */
export function proposalLabels(base: string[], diagnoses: TaskDiagnosis[]): string[] {
  const kinds = diagnoses.flatMap((d) =>
    d.findings.filter((f) => f.recommendations.some((r) => d.recommendations.includes(r))).map((f) => f.kind),
  );
  return [...new Set([...base, ...kinds])];
}
