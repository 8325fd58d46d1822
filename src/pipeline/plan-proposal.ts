import { locateDag } from '../dags/locate.js';
import { rewriteDag } from '../dags/rewrite.js';
import { maxFileBytes } from '../dags/size-limit.js';
import type { TaskChanges } from '../dags/types.js';
import { unifiedDiff } from '../dags/unified-diff.js';
import { diagnoseAll } from '../diagnose/diagnose-task.js';
import type { TaskDiagnosis } from '../diagnose/types.js';
import { deterministicNarrator } from '../narrate/deterministic/index.js';
import { renderPrBody } from '../narrate/render-pr-body.js';
import type { NarrativeInput } from '../narrate/types.js';
import { sourceName } from '../narrate/deterministic/overview.js';
import { lookbackWindow } from '../diagnose/history.js';
import { encodeRecord, recordMarker } from '../verify/record-marker.js';
import { applyIgnores } from './apply-ignores.js';
import { commitMessage, proposalFingerprint, proposalLabels, proposalTitle } from './describe-proposal.js';
import { staleSettings, withoutStale } from './stale-evidence.js';
import type { PlanRequest, PlanResult } from './types.js';

/**
 * The whole analysis for one DAG, without side effects: diagnose its tasks' histories, find the DAG file,
 * rewrite the recommended values, and write the PR (title, body, commit message, diff).
 */
export async function planProposal(request: PlanRequest): Promise<PlanResult> {
  const diagnosed = diagnoseAll(
    request.summaries,
    {
      until: request.until,
      lookback_days: request.lookback_days,
      min_runs: request.min_runs,
      metric_source: request.metric_source,
      rules: request.rules,
      prices: request.prices,
      node_memory_mb: request.node_memory_mb,
      group_by: request.group_by,
    },
    { dag_id: request.dag_id, task_id: request.task_id },
  );
  let diagnoses = applyIgnores(diagnosed, request.ignore ?? []);
  const target = request.task_id ? `${request.dag_id}.${request.task_id}` : request.dag_id;
  if (diagnoses.length === 0) {
    return { kind: 'not-found', message: `No runs of ${target} were found in ${sourceName(request.metric_source)}.` };
  }
  let changes = diagnoses.filter((d) => d.recommendations.length > 0).map(toTaskChanges);
  if (changes.length === 0) return { kind: 'no-change', diagnoses, message: noChangeMessage(target, diagnoses) };

  const limit = { maxFileBytes: maxFileBytes(request.max_dag_file_mb) };
  const located = await locateDag(request.repo, request.dag_paths, request.dag_id, limit);
  if (located.kind === 'not-found') {
    return { kind: 'not-found', message: notFoundMessage(request, located.searched, located.problems) };
  }
  if (located.kind === 'ambiguous') {
    return { kind: 'refused', diagnoses, reason: `DAG ${request.dag_id} is defined in several files (${located.paths.join(', ')}).` };
  }
  let rewrite = await rewriteDag(located.content, request.dag_id, changes, { path: located.path, ...limit });
  const stale = rewrite.kind === 'edited' ? staleSettings(diagnoses, rewrite.edits) : [];
  if (stale.length > 0) {
    diagnoses = withoutStale(diagnoses, stale);
    changes = diagnoses.filter((d) => d.recommendations.length > 0).map(toTaskChanges);
    if (changes.length === 0) return { kind: 'no-change', diagnoses, message: noChangeMessage(target, diagnoses) };
    rewrite = await rewriteDag(located.content, request.dag_id, changes, { path: located.path, ...limit });
  }
  if (rewrite.kind === 'refused') return { kind: 'refused', diagnoses, reason: rewrite.reason };
  if (rewrite.kind === 'unchanged') {
    return { kind: 'no-change', diagnoses, message: `${located.path} already has the recommended values for ${target}.` };
  }

  const input: NarrativeInput = {
    dag_id: request.dag_id,
    file_path: located.path,
    diagnoses,
    edits: rewrite.edits,
    edit_notes: rewrite.notes,
    metric_source: request.metric_source,
  };
  const narrator = request.narrator ?? deterministicNarrator;
  const narration = await narrator.narrate(input);
  const fingerprint = proposalFingerprint(request.dag_id, located.path, rewrite.edits);
  const title = proposalTitle(request.dag_id, rewrite.edits);
  const record = encodeRecord(request.dag_id, lookbackWindow(request.until, request.lookback_days), rewrite.edits);
  return {
    kind: 'proposal',
    diagnoses,
    proposal: {
      dag_id: request.dag_id,
      file_path: located.path,
      old_content: located.content,
      new_content: rewrite.content,
      diff: unifiedDiff(located.path, located.content, rewrite.content),
      title,
      body: renderPrBody(input, narration.narrative, {
        narrator: narration.narrator,
        fallback_reason: narration.fallback_reason,
        fingerprint,
        record_marker: recordMarker(record),
      }),
      commit_message: commitMessage(title, rewrite.edits, diagnoses, fingerprint, record),
      fingerprint,
      labels: proposalLabels(request.labels ?? ['spark-tuning'], diagnoses),
      edits: rewrite.edits,
    },
  };
}

function toTaskChanges(d: TaskDiagnosis): TaskChanges {
  return { task_id: d.task_id, settings: d.recommendations.map((rec) => ({ key: rec.key, value: rec.proposed })) };
}

function noChangeMessage(target: string, diagnoses: TaskDiagnosis[]): string {
  const findings = diagnoses.flatMap((d) => d.findings);
  const human = findings.filter((f) => f.needs_human).map((f) => f.title);
  const held = findings.filter((f) => !f.needs_human).map((f) => f.title);
  const notes = diagnoses.flatMap((d) => d.notes);
  const parts = [`No change proposed for ${target}.`];
  if (human.length > 0) parts.push(`A person should look: ${human.join('; ')} (no configuration change fixes this).`);
  if (held.length > 0) parts.push(`Found but held back: ${held.join('; ')}.`);
  if (notes.length > 0) parts.push(notes.join(' '));
  if (parts.length === 1) {
    const runs = diagnoses.reduce((sum, d) => sum + d.successful_runs_in_window, 0);
    parts.push(`The configuration fits its ${runs} successful run(s) in the window.`);
  }
  return parts.join(' ');
}

function notFoundMessage(request: PlanRequest, searched: number, problems: string[]): string {
  const where = request.dag_paths.join(', ');
  const skipped = problems.length === 0 ? '' : ` Not read: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}.`;
  return `DAG ${request.dag_id} has runs but is not defined in any of the ${searched} Python file(s) under ${where}; check dag_paths in .github/spark-tuner.yml.${skipped}`;
}
