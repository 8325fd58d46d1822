import type { TaskDiagnosis } from '../../diagnose/types.js';
import { RUNTIME_AS_MEASURED } from '../../diagnose/impact.js';
import { isResourceCut } from '../../diagnose/resource-cuts.js';
import { formatDuration, formatNumber, formatUsd } from '../../format.js';
import type { NarrativeInput } from '../types.js';

export function actionsSection(input: NarrativeInput): string {
  if (input.edits.length === 0) return 'Nothing to merge: no setting changes.';
  const file = input.file_path ?? 'the DAG file';
  const changes = input.edits.map((e) => `${e.key}=${e.new_value} for ${e.task_id}`).join(', ');
  const lines = [`Merge this pull request to apply ${changes} in ${file} from the next DAG run on.`, ''];
  for (const d of input.diagnoses) {
    const line = impactLine(d);
    if (line) lines.push(line);
  }
  if (input.diagnoses.some(cutsResources)) {
    lines.push(
      '- Watch the next runs: if a task fails with OutOfMemoryError or a container is killed for memory, revert this change; ' +
        'spark-tuner also stops proposing cuts for a task after a memory failure.',
    );
  }
  return lines.join('\n');
}

function impactLine(d: TaskDiagnosis): string | null {
  const i = d.impact;
  if (!i) return null;
  const delta = i.cost_after_usd - i.cost_before_usd;
  const cost =
    Math.abs(delta) < 0.005
      ? 'about the same cost per run'
      : `about ${formatUsd(Math.abs(delta))} ${delta < 0 ? 'less' : 'more'} per run at the configured prices`;
  const predicted =
    i.runtime_ms_before !== undefined && i.runtime_ms_after !== undefined && i.runtime_method !== RUNTIME_AS_MEASURED
      ? `; runtime per run ${formatDuration(i.runtime_ms_before)} → ${formatDuration(i.runtime_ms_after)} (${i.runtime_method ?? 'as measured'})`
      : '';
  const runtime = `${predicted}${i.runtime_effect ? `; runtime: ${i.runtime_effect}` : ''}`;
  return (
    `- ${d.task_id}: allocated executor resources per run go from ${formatNumber(i.gb_hours_before)} to ` +
    `${formatNumber(i.gb_hours_after)} GB-hours and ${formatNumber(i.core_hours_before)} to ${formatNumber(i.core_hours_after)} ` +
    `core-hours, ${cost}${runtime}.`
  );
}

/** True when a task's kept recommendations take resources away. */
export function cutsResources(d: TaskDiagnosis): boolean {
  return d.recommendations.some((rec) => isResourceCut(rec, d.latest ?? undefined));
}
