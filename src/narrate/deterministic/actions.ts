import { formatNumber, formatUsd } from '../../format.js';
import type { NarrativeInput } from '../types.js';

export function actionsSection(input: NarrativeInput): string {
  if (input.edits.length === 0) return 'Nothing to merge: no setting changes.';
  const file = input.file_path ?? 'the DAG file';
  const changes = input.edits.map((e) => `${e.key}=${e.new_value} for ${e.task_id}`).join(', ');
  const lines = [`Merge this pull request to apply ${changes} in ${file} from the next DAG run on.`, ''];
  for (const d of input.diagnoses) {
    if (!d.impact) continue;
    const saved = d.impact.cost_before_usd - d.impact.cost_after_usd;
    lines.push(
      `- ${d.task_id}: executor memory allocated per run goes from ${formatNumber(d.impact.gb_hours_before)} to ` +
        `${formatNumber(d.impact.gb_hours_after)} GB-hours, about ${formatUsd(saved)} less per run at the configured prices; ` +
        'runtime is not expected to change.',
    );
  }
  lines.push(
    `- Watch the next runs: if a task fails with OutOfMemoryError or a container is killed for memory, revert this change; ` +
      'spark-tuner also stops proposing cuts for a task after a memory failure.',
  );
  return lines.join('\n');
}
