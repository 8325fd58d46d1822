import { mergeChanges, type RequestedSettings } from './change-requests.js';
import { detectFormat, formatOfPath, withDagDocument, withEditedDagDocument } from './dag-document.js';
import type { DagDocument } from './document.js';
import type { Splice } from './edit-syntax.js';
import { planTaskEdits, type PlannedEdit, type SettledKey } from './plan-task-edits.js';
import { renderEdits } from './render-edits.js';
import { checkSharedValues } from './shared-constants.js';
import { tooLarge } from './size-limit.js';
import { applySplices } from './splice.js';
import type { AppliedEdit, RewriteResult, TaskChanges } from './types.js';

export { unifiedDiff } from './unified-diff.js';

/** How to read the file: its path tells Python from dag-factory YAML (without it, the content does). */
export interface RewriteOptions {
  path?: string;
  /** Larger files are refused without being parsed (default `MAX_DAG_FILE_BYTES`, 5 MB). */
  maxFileBytes?: number;
}

type DagPlan =
  | { kind: 'planned'; edits: PlannedEdit[]; notes: string[]; settled: SettledKey[]; splices: Splice[] }
  | { kind: 'refused'; reason: string };

/**
 * Writes new Spark setting values into one DAG's tasks, changing only value characters (or adding a key in the
 * file's own style). The result is parsed again and read back: every requested key must then hold its value, or
 * nothing is changed. Refuses (with one line for the user) whenever the edit could be wrong; idempotent.
 */
export async function rewriteDag(
  source: string, dagId: string, changes: TaskChanges[], options: RewriteOptions = {},
): Promise<RewriteResult> {
  const large = tooLarge(source, options.maxFileBytes);
  if (large) return refused(`the file ${large}`);
  const format = options.path ? formatOfPath(options.path) : await detectFormat(source);
  const merged = mergeChanges(changes);
  if (merged.kind === 'refused') return merged;
  const first = await withDagDocument(source, format, (document) => planDag(document, dagId, merged.tasks), options.path);
  if (first.kind === 'syntax-error') return refused(`the file does not parse (syntax error at line ${first.line})`);
  const plan = first.result;
  if (plan.kind === 'refused') return plan;
  if (plan.splices.length === 0) return { kind: 'unchanged', notes: plan.notes };
  const content = applySplices(source, plan.splices);
  if (content === null) return refused('the file changed while it was being edited; nothing was changed');
  const check = await withEditedDagDocument(
    source, plan.splices, content, format, (document) => planDag(document, dagId, merged.tasks), options.path,
  );
  if (check.kind === 'syntax-error') return refused(`the edited file would not parse (line ${check.line}); nothing was changed`);
  const readBack = check.result;
  if (readBack.kind === 'refused') {
    return refused(`the edited file could not be read back (${readBack.reason}); nothing was changed`);
  }
  const stray = readBack.edits[0];
  if (stray) {
    const found = `${stray.key} of task ${stray.task_id} is ${stray.old_value ?? 'missing'}`;
    return refused(`the edited file does not read back as intended (${found}); nothing was changed`);
  }
  return { kind: 'edited', content, edits: appliedEdits(plan.edits, readBack.settled), notes: plan.notes };
}

function planDag(document: DagDocument, dagId: string, tasks: Map<string, RequestedSettings>): DagPlan {
  const definitions = document.dags.filter((dag) => dag.dag_id === dagId);
  if (definitions.length === 0) return refused(`DAG ${dagId} is not defined in this file`);
  if (definitions.length > 1) {
    return refused(`DAG ${dagId} is defined more than once in this file (lines ${definitions.map((d) => d.line).join(', ')})`);
  }
  const plan: DagPlan = { kind: 'planned', edits: [], notes: [], settled: [], splices: [] };
  for (const [taskId, requested] of tasks) {
    const taskPlan = planTaskEdits(document, dagId, taskId, requested);
    if (taskPlan.kind === 'refused') return taskPlan;
    plan.edits.push(...taskPlan.edits);
    plan.notes.push(...taskPlan.notes);
    plan.settled.push(...taskPlan.settled);
  }
  const shared = checkSharedValues(document, plan.edits);
  if (shared !== null) return refused(shared);
  const rendered = renderEdits(document, plan.edits);
  if (rendered.kind === 'refused') return rendered;
  plan.splices = rendered.splices;
  plan.notes = [...new Set(plan.notes)];
  return plan;
}

/** What each edit did, with the line of its value in the edited file. */
function appliedEdits(edits: PlannedEdit[], settled: SettledKey[]): AppliedEdit[] {
  return edits.map((edit) => {
    const line = settled.find((entry) => entry.task_id === edit.task_id && entry.key === edit.key)?.line ?? 0;
    return { task_id: edit.task_id, key: edit.key, old_value: edit.old_value, new_value: edit.new_value, line };
  });
}

function refused(reason: string): { kind: 'refused'; reason: string } {
  return { kind: 'refused', reason };
}
