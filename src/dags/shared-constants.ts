import type { DagFile } from './dag-file.js';
import type { PlannedEdit } from './plan-task-edits.js';
import { contains, lineAt, rangeOf } from './python/nodes.js';
import { nameReferences } from './python/references.js';
import type { SourceRange } from './types.js';

/**
 * Editing a value held in a module constant changes every reader of that constant. Refuses (returns the reason)
 * unless each reader is an occurrence being changed to the same value in this rewrite.
 */
export function checkSharedValues(file: DagFile, edits: PlannedEdit[]): string | null {
  for (const edit of edits) {
    const sameSpot = edits.filter((other) => sameRange(other.setting.range, edit.setting.range));
    const conflict = sameSpot.find((other) => other.new_value !== edit.new_value);
    if (conflict) return conflictReason(edit, conflict);
    for (const name of new Set(edit.setting.via.map((reference) => reference.name))) {
      const covered = sameSpot.flatMap((other) => other.setting.via.filter((reference) => reference.name === name));
      const stray = nameReferences(file.root, name).find((node) => !covered.some((ref) => sameRange(ref.range, rangeOf(node))));
      if (stray) return sharedReason(file, edit, name, rangeOf(stray));
    }
  }
  return null;
}

function sharedReason(file: DagFile, edit: PlannedEdit, name: string, stray: SourceRange): string {
  const { key, task_id: taskId } = edit.setting;
  const user = file.tasks.find((task) => task.task_id !== taskId && contains(rangeOf(task.call), stray));
  const where = `line ${lineAt(file.source, stray.start)}${user?.task_id ? ` (task ${user.task_id})` : ''}`;
  return `the value of ${key} for task ${taskId} lives in the constant ${name}, which is also used at ${where}; `
    + 'change every user of it the same way, or give this task its own value';
}

function conflictReason(edit: PlannedEdit, other: PlannedEdit): string {
  const name = edit.setting.via.at(-1)?.name ?? 'one constant';
  const first = `${edit.setting.key} of task ${edit.setting.task_id}`;
  const second = `${other.setting.key} of task ${other.setting.task_id}`;
  return `${first} and ${second} both come from ${name}, but the change gives them different values `
    + `(${edit.new_value} and ${other.new_value})`;
}

function sameRange(a: SourceRange, b: SourceRange): boolean {
  return a.start === b.start && a.end === b.end;
}
