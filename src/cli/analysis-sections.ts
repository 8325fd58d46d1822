import type { TaskDiagnosis } from '../diagnose/types.js';
import { SECTIONS, type Narration, type NarrativeInput, type Narrator } from '../narrate/types.js';

/**
 * The standardized analysis of each diagnosed DAG, as `diagnose --narrator` prints it: the five sections about the
 * recommendations as a pull request would apply them (no file is read or edited here).
 */
export async function narrateDiagnoses(diagnoses: TaskDiagnosis[], narrator: Narrator, metricSource: string): Promise<{ dag_id: string; narration: Narration }[]> {
  const dagIds = [...new Set(diagnoses.map((d) => d.dag_id))];
  const out: { dag_id: string; narration: Narration }[] = [];
  for (const dagId of dagIds) {
    const own = diagnoses.filter((d) => d.dag_id === dagId);
    const input: NarrativeInput = {
      dag_id: dagId,
      file_path: null,
      diagnoses: own,
      edits: own.flatMap((d) => d.recommendations.map((rec) => ({ task_id: d.task_id, key: rec.key, old_value: rec.current, new_value: rec.proposed, line: 0 }))),
      edit_notes: [],
      metric_source: metricSource,
    };
    out.push({ dag_id: dagId, narration: await narrator.narrate(input) });
  }
  return out;
}

/** One DAG's analysis as text for the terminal. */
export function analysisText(dagId: string, narration: Narration): string {
  const lines = [`== Analysis of ${dagId} (narrative: ${narration.narrator}) ==`];
  if (narration.fallback_reason) lines.push(`(${narration.fallback_reason}.)`);
  for (const { key, title } of SECTIONS) lines.push('', `## ${title}`, '', narration.narrative[key]);
  return `${lines.join('\n')}\n`;
}
