import { mergeChanges } from './change-requests.js';
import { readDagFile, type DagFile } from './dag-file.js';
import { planTaskEdits, type PlannedEdit, type TaskPlan } from './plan-task-edits.js';
import { firstSyntaxErrorLine, withPythonTree } from './python/parser.js';
import { checkSharedValues } from './shared-constants.js';
import type { AppliedEdit, RewriteResult, TaskChanges } from './types.js';

export { unifiedDiff } from './unified-diff.js';

/**
 * Writes new Spark setting values into one DAG's tasks in a Python file, changing only the value tokens.
 * Refuses (with one line for the user) whenever the edit could be wrong; idempotent.
 */
export async function rewriteDag(source: string, dagId: string, changes: TaskChanges[]): Promise<RewriteResult> {
  const plan = await withPythonTree(source, (root) => {
    const errorLine = firstSyntaxErrorLine(root);
    if (errorLine !== null) return refused(`the file does not parse (syntax error at line ${errorLine})`);
    return planEdits(readDagFile(source, root), dagId, changes);
  });
  if (plan.kind === 'refused') return plan;
  if (plan.edits.length === 0) return { kind: 'unchanged', notes: plan.notes };
  const content = applyEdits(source, plan.edits);
  if (content === null) return refused('the file changed while it was being edited; nothing was changed');
  const errorLine = await withPythonTree(content, firstSyntaxErrorLine);
  if (errorLine !== null) return refused(`the edited file would not parse (line ${errorLine}); nothing was changed`);
  return { kind: 'edited', content, edits: plan.edits.map(appliedEdit), notes: plan.notes };
}

function planEdits(file: DagFile, dagId: string, changes: TaskChanges[]): TaskPlan {
  const definitions = file.dags.filter((dag) => dag.dag_id === dagId);
  if (definitions.length === 0) return refused(`DAG ${dagId} is not defined in this file`);
  if (definitions.length > 1) {
    return refused(`DAG ${dagId} is defined more than once in this file (lines ${definitions.map((d) => d.line).join(', ')})`);
  }
  const merged = mergeChanges(changes);
  if (merged.kind === 'refused') return merged;
  const plan: TaskPlan = { kind: 'planned', edits: [], notes: [] };
  for (const [taskId, requested] of merged.tasks) {
    const taskPlan = planTaskEdits(file, dagId, taskId, requested);
    if (taskPlan.kind === 'refused') return taskPlan;
    plan.edits.push(...taskPlan.edits);
    plan.notes.push(...taskPlan.notes);
  }
  const shared = checkSharedValues(file, plan.edits);
  return shared === null ? plan : refused(shared);
}

/** Splices right to left (offsets to the left stay valid), once per distinct spot; null if a value moved. */
function applyEdits(source: string, edits: PlannedEdit[]): string | null {
  const spots = new Map(edits.map((edit) => [`${edit.setting.range.start}:${edit.setting.range.end}`, edit]));
  const ordered = [...spots.values()].sort((a, b) => b.setting.range.start - a.setting.range.start);
  let content: string | null = source;
  for (const edit of ordered) {
    content = content === null ? null : edit.family.updateSetting(content, edit.setting, edit.new_value);
  }
  return content;
}

function appliedEdit(edit: PlannedEdit): AppliedEdit {
  const { task_id, key, value, line } = edit.setting;
  return { task_id, key, old_value: value, new_value: edit.new_value, line };
}

function refused(reason: string): { kind: 'refused'; reason: string } {
  return { kind: 'refused', reason };
}
