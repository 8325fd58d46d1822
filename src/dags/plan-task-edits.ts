import type { RequestedSettings } from './change-requests.js';
import type { DagFile } from './dag-file.js';
import { familyForOperator } from './families.js';
import type { DagFamily, FoundSetting, TaskSettings } from './family.js';
import type { TaskCall } from './find-tasks.js';

/** One value to write: `setting` is what the file holds today. */
export interface PlannedEdit {
  family: DagFamily;
  setting: FoundSetting;
  new_value: string;
}

export type TaskPlan =
  | { kind: 'planned'; edits: PlannedEdit[]; notes: string[] }
  | { kind: 'refused'; reason: string };

/** Decides which occurrence of each requested key to edit in one task of a DAG, or why none can be. */
export function planTaskEdits(file: DagFile, dagId: string, taskId: string, requested: RequestedSettings): TaskPlan {
  const task = findTask(file, dagId, taskId);
  if (typeof task === 'string') return { kind: 'refused', reason: task };
  const family = familyForOperator(task.operator);
  if (!family) return { kind: 'refused', reason: `task ${taskId} uses ${task.operator}, which spark-tuner cannot edit yet` };
  const found = family.extractSettings(task, file);
  const plan: TaskPlan = { kind: 'planned', edits: [], notes: [] };
  for (const [key, value] of requested) {
    const chosen = chooseOccurrence(found, taskId, key, value, plan.notes);
    if (typeof chosen === 'string') return { kind: 'refused', reason: chosen };
    if (chosen.value !== value) plan.edits.push({ family, setting: chosen, new_value: value });
  }
  return plan;
}

/** The single task with this id in the DAG, or why there is none we can edit. */
function findTask(file: DagFile, dagId: string, taskId: string): TaskCall | string {
  const tasks = file.tasks.filter((task) => task.dag_id === dagId && task.task_id === taskId);
  const [task, second] = tasks;
  if (!task) {
    const computed = file.tasks.some((candidate) => candidate.dag_id === dagId && candidate.task_id === null);
    const hint = computed ? '; some of its tasks get computed ids (for example in a loop), which cannot be edited safely' : '';
    return `task ${taskId} of DAG ${dagId} is not in this file${hint}`;
  }
  if (second) return `task ${taskId} is defined more than once in DAG ${dagId} (lines ${tasks.map((t) => t.line).join(', ')})`;
  if (task.dynamic) return `task ${taskId} ${task.dynamic} (line ${task.line}), so one edit could change several tasks`;
  return task;
}

/** The occurrence Spark obeys (highest precedence, then the last written), or a refusal. */
function chooseOccurrence(
  found: TaskSettings, taskId: string, key: string, value: string, notes: string[],
): FoundSetting | string {
  const occurrences = found.settings
    .filter((setting) => setting.key === key)
    .sort((a, b) => a.precedence - b.precedence || a.range.start - b.range.start);
  const chosen = occurrences.at(-1);
  const floor = chosen?.precedence ?? Number.NEGATIVE_INFINITY;
  const problems = found.problems.filter((problem) => problem.key === key || problem.key === null);
  const blocking = problems.find((problem) => problem.precedence >= floor);
  if (blocking) return blocking.reason;
  if (!chosen) {
    return `${key} is not set for task ${taskId}; adding a setting that is not in the file yet is not supported yet`;
  }
  if (chosen.literal === 'number' && !/^\d+$/.test(value)) {
    return `${key} of task ${taskId} is written as a number (line ${chosen.line}), but the new value ${value} is not a whole number`;
  }
  for (const other of occurrences.slice(0, -1)) {
    if (other.value === value) continue;
    notes.push(`task ${taskId} also sets ${key} = ${other.value} in ${other.label} (line ${other.line}); `
      + `${chosen.label} (line ${chosen.line}) takes precedence, so that one was left as it is`);
  }
  const hidden = problems.filter((problem) => problem.key === key);
  for (const problem of hidden) notes.push(`${problem.reason}; ${chosen.label} (line ${chosen.line}) takes precedence`);
  return chosen;
}
