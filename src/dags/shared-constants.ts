import { lineAt, type DagDocument } from './document.js';
import type { PlannedEdit } from './plan-task-edits.js';
import type { SourceRange } from './types.js';
import type { ConstantReference } from './values/value.js';

/**
 * Editing a value held in a module constant (or a YAML anchor) changes every reader of it. Refuses (returns the
 * reason) unless each reader is an occurrence being changed the same way in this rewrite.
 */
export function checkSharedValues(document: DagDocument, edits: PlannedEdit[]): string | null {
  for (const edit of edits) {
    const sameSpot = edits.filter((other) => other.spot === edit.spot);
    const conflict = sameSpot.find((other) => other.new_value !== edit.new_value);
    if (conflict) return conflictReason(edit, conflict);
    const names = new Map(edit.via.map((reference) => [`${reference.name}@${reference.scope?.start ?? ''}`, reference]));
    for (const { name, scope } of names.values()) {
      const same = (reference: ConstantReference): boolean => reference.name === name && reference.scope?.start === scope?.start;
      const covered = sameSpot.flatMap((other) => other.via.filter(same));
      const stray = document.readers(name, scope, grows(edit, name)).find((range) => !covered.some((ref) => sameRange(ref.range, range)));
      if (stray) return sharedReason(document, edit, name, stray, scope !== undefined);
    }
  }
  return null;
}

/** True when the edit adds to the very value the name holds (its length changes). */
function grows(edit: PlannedEdit, name: string): boolean {
  if (edit.change.kind !== 'add') return false;
  const holds = edit.via.find((reference) => reference.name === name)?.holds;
  const { insertion } = edit.change.addition;
  const container = insertion.kind === 'entries' ? insertion.dict.range
    : insertion.kind === 'items' ? insertion.list.range
      : insertion.kind === 'words' ? insertion.scalar.range : insertion.task.range;
  return holds === undefined || sameRange(holds, container);
}

function sharedReason(document: DagDocument, edit: PlannedEdit, name: string, stray: SourceRange, local: boolean): string {
  const { key, task_id: taskId } = edit;
  const user = document.tasks.find((task) => task.task_id !== taskId && task.range.start <= stray.start && stray.end <= task.range.end);
  const where = `line ${lineAt(document.source, stray.start)}${user?.task_id ? ` (task ${user.task_id})` : ''}`;
  const what = edit.old_value === null
    ? `adding ${key} for task ${taskId} means changing`
    : `the value of ${key} for task ${taskId} lives in`;
  const holder = name.startsWith('&') ? `the YAML anchor ${name}` : `the ${local ? 'variable' : 'constant'} ${name}`;
  return `${what} ${holder}, which is also used at ${where}; `
    + 'change every user of it the same way, or give this task its own value';
}

function conflictReason(edit: PlannedEdit, other: PlannedEdit): string {
  const name = edit.via.at(-1)?.name ?? 'one constant';
  const first = `${edit.key} of task ${edit.task_id}`;
  const second = `${other.key} of task ${other.task_id}`;
  return `${first} and ${second} both come from ${name}, but the change gives them different values `
    + `(${edit.new_value} and ${other.new_value})`;
}

function sameRange(a: SourceRange, b: SourceRange): boolean {
  return a.start === b.start && a.end === b.end;
}
