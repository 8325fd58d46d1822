import type { RunEvidence, TaskDiagnosis } from '../diagnose/types.js';
import { formatDuration, formatNumber, formatUsd, isoDate } from '../format.js';
import { WHATIF_METHOD, WHATIF_METHOD_SHORT } from '../whatif/method.js';
import { describeEvidenceValues } from './evidence-values.js';
import { codeSpan, escapeNarrative } from './markdown.js';
import { cutsResources } from './deterministic/actions.js';
import { memoryChart } from './memory-chart.js';
import { SECTIONS, type Narrative, type NarrativeInput } from './types.js';

export interface PrBodyMeta {
  narrator: string;
  /** Why the deterministic sections stand in for a model's (one line), or null/absent. */
  fallback_reason?: string | null;
  fingerprint: string;
  version: string;
  /** The hidden record marker (proposed values, evidence window) written before the fingerprint marker. */
  record_marker?: string;
}

/** The data of `templates/pr-body.md`: fields ending in `_md` are safe Markdown, the rest is escaped by the renderer. */
export function prBodyView(input: NarrativeInput, narrative: Narrative, meta: PrBodyMeta): Record<string, unknown> {
  const runs = input.diagnoses.flatMap(evidenceRows);
  const impacts = input.diagnoses.flatMap(impactRow);
  const prices = input.diagnoses.find((d) => d.impact)?.impact?.prices;
  return {
    dag_id: input.dag_id,
    dag_md: codeSpan(input.dag_id),
    file_md: codeSpan(input.file_path ?? 'unknown file'),
    run_count: runs.length,
    changes: input.edits.map((edit) => ({
      task_id: edit.task_id,
      key_md: codeSpan(edit.key),
      current_md: edit.old_value === null ? 'unset' : codeSpan(edit.old_value),
      proposed_md: codeSpan(edit.new_value),
      evidence: reasonFor(input.diagnoses, edit.task_id, edit.key),
    })),
    has_impacts: impacts.length > 0,
    impacts,
    whatif_method: WHATIF_METHOD,
    vcpu_price: prices ? `$${prices.vcpu_hour_usd}` : '',
    gb_price: prices ? `$${prices.gb_hour_usd}` : '',
    sections: SECTIONS.map(({ key, title }) => ({ title, body_md: escapeNarrative(narrative[key]) })),
    charts: input.diagnoses.flatMap((d) =>
      d.findings.flatMap((f) => {
        const chart = memoryChart(d.task_id, f);
        return chart ? [{ task_id: d.task_id, chart_md: chart }] : [];
      }),
    ),
    runs,
    source: input.metric_source === 'athena' ? 'the Athena summary table' : 'Spark event logs',
    spark_versions: [...new Set(input.diagnoses.flatMap((d) => d.findings.flatMap((f) => f.evidence.spark_versions)))].join(', ') || 'unknown',
    safety: safetyNotes(input),
    narrator: meta.narrator,
    narrator_line: narratorLine(meta),
    fingerprint: meta.fingerprint,
    version: meta.version,
    record_marker: meta.record_marker ?? '',
  };
}

function reasonFor(diagnoses: TaskDiagnosis[], taskId: string, key: string): string {
  const rec = diagnoses.find((d) => d.task_id === taskId)?.recommendations.find((r) => r.key === key);
  return rec?.reason ?? '';
}

function impactRow(d: TaskDiagnosis): Record<string, string>[] {
  if (!d.impact) return [];
  return [
    {
      task_id: d.task_id,
      runtime_before: d.impact.runtime_ms_before === undefined ? '–' : formatDuration(d.impact.runtime_ms_before),
      runtime_after: d.impact.runtime_ms_after === undefined ? '–' : formatDuration(d.impact.runtime_ms_after),
      runtime_method: runtimeMethodShort(d.impact.runtime_method),
      gb_before: formatNumber(d.impact.gb_hours_before),
      gb_after: formatNumber(d.impact.gb_hours_after),
      core_before: formatNumber(d.impact.core_hours_before),
      core_after: formatNumber(d.impact.core_hours_after),
      cost_before: formatUsd(d.impact.cost_before_usd),
      cost_after: formatUsd(d.impact.cost_after_usd),
    },
  ];
}

/** The method column: the what-if method's short name, or what was assumed instead. */
function runtimeMethodShort(method: string | undefined): string {
  if (method === WHATIF_METHOD) return `predicted (${WHATIF_METHOD_SHORT})`;
  return method ?? 'as measured';
}

function evidenceRows(d: TaskDiagnosis): Record<string, unknown>[] {
  const seen = new Map<string, RunEvidence>();
  for (const run of d.findings.flatMap((f) => f.evidence.runs)) seen.set(`${run.app_id}/${run.attempt_id}`, run);
  return [...seen.values()].map((run) => {
    const duration = run.values.duration_ms;
    return {
      task_id: d.task_id,
      app_md: codeSpan(run.attempt_id ? `${run.app_id} (attempt ${run.attempt_id})` : run.app_id),
      started: isoDate(run.start_time),
      status: run.status,
      duration: typeof duration === 'number' ? formatDuration(duration) : '–',
      measured: describeEvidenceValues(run.values),
    };
  });
}

function safetyNotes(input: NarrativeInput): string[] {
  const file = input.file_path ?? 'the DAG file';
  const added = input.edits.filter((edit) => edit.old_value === null).map((edit) => edit.key);
  const notes = [`Only the values in the table change in ${file}; the edited file was re-parsed before this PR was opened.`];
  if (added.length > 0) notes.push(`Not set in the file before, so added in its own style: ${[...new Set(added)].join(', ')}.`);
  if (input.diagnoses.some(cutsResources)) {
    notes.push(
      'Memory is never proposed below 1.2 × the highest peak observed, nor cut by more than half in one step.',
      'Cuts are held back for a task that failed for memory in the window.',
    );
  }
  notes.push(
    'To roll back, revert this pull request: the previous values apply from the next run.',
    'Close this pull request without merging to make spark-tuner ignore this exact proposal; reopen it to undo that.',
    ...input.edit_notes,
  );
  return notes;
}

/** One line above the sections saying who wrote them, when a model was asked: it wrote them, or why it did not. */
function narratorLine(meta: PrBodyMeta): string | null {
  if (meta.fallback_reason) return `The analysis below was written by spark-tuner's deterministic renderer: ${meta.fallback_reason}.`;
  if (meta.narrator.startsWith('bedrock')) {
    return `The analysis below was written by Amazon Bedrock (${meta.narrator.replace(/^bedrock \((.*)\)$/, '$1')}) and checked against the data: its settings and numbers are the measured ones.`;
  }
  return null;
}
