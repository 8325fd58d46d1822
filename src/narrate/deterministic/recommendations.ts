import type { TaskDiagnosis } from '../../diagnose/types.js';
import type { NarrativeInput } from '../types.js';

export function recommendationsSection(input: NarrativeInput): string {
  const lines = input.diagnoses.flatMap(taskLines);
  if (input.edit_notes.length > 0) lines.push('', ...input.edit_notes.map((note) => `- ${note}`));
  return lines.length > 0 ? lines.join('\n') : 'No change is recommended: every rule found the configuration fits the runs.';
}

function taskLines(d: TaskDiagnosis): string[] {
  const lines: string[] = [];
  for (const finding of d.findings) {
    const changes = finding.recommendations
      .filter((rec) => d.recommendations.includes(rec))
      .map((rec) => `${rec.key} ${rec.current ?? 'unset'} → ${rec.proposed}`);
    const action = finding.needs_human ? 'needs a person to look' : changes.length > 0 ? changes.join(', ') : 'held back';
    lines.push(`- ${d.task_id}: ${action}. ${finding.title}. ${finding.detail}`);
  }
  for (const note of d.notes) lines.push(`- ${d.task_id}: ${note}`);
  return lines;
}
