import type { RequestedSettings } from './change-requests.js';
import { decideKey } from './choose-occurrence.js';
import { defaultArgsFindings } from './default-args.js';
import type { DagDocument, TaskView } from './document.js';
import { familyForOperator } from './families.js';
import { PRECEDENCE, type Addition, type FoundSetting, type TaskSettings } from './family.js';
import type { ConstantReference } from './values/value.js';

/** One value to write into one task. */
export interface PlannedEdit {
  task_id: string;
  key: string;
  old_value: string | null;
  new_value: string;
  /** Shared names (constants, anchors) holding what is edited. */
  via: ConstantReference[];
  /** The characters (or container and key) it edits: two edits of one spot are one edit. */
  spot: string;
  change: { kind: 'replace'; setting: FoundSetting } | { kind: 'add'; addition: Addition };
}

/** A requested value that is already in place, with the line of the occurrence Spark obeys. */
export interface SettledKey {
  task_id: string;
  key: string;
  line: number;
}

export type TaskPlan =
  | { kind: 'planned'; edits: PlannedEdit[]; notes: string[]; settled: SettledKey[] }
  | { kind: 'refused'; reason: string };

/** Decides which occurrence of each requested key to edit (or where to add it) in one task, or why none can be. */
export function planTaskEdits(document: DagDocument, dagId: string, taskId: string, requested: RequestedSettings): TaskPlan {
  const task = findTask(document, dagId, taskId);
  if (typeof task === 'string') return { kind: 'refused', reason: task };
  const family = familyForOperator(task.operator);
  const hidden = task.problems[0];
  if (!family && hidden) return { kind: 'refused', reason: hidden };
  if (!family) {
    const reason = `task ${taskId} uses ${task.operator}, an operator spark-tuner does not know, `
      + 'so it cannot tell where its Spark settings go';
    return { kind: 'refused', reason };
  }
  const found = family.extractSettings(task, document);
  const defaults = defaultArgsFindings(task, document, family);
  const hiding = task.problems.map((reason) => ({ key: null, precedence: PRECEDENCE.everything, reason }));
  const settings: TaskSettings = { settings: found.settings, problems: [...hiding, ...found.problems, ...defaults.problems] };
  const plan: TaskPlan = { kind: 'planned', edits: [], notes: [], settled: [] };
  for (const [key, value] of requested) {
    const decision = decideKey(task, document, family, settings, key, value);
    if (decision.kind === 'refused') return decision;
    plan.notes.push(...decision.notes);
    if (decision.kind === 'keep') plan.settled.push({ task_id: taskId, key, line: decision.setting.line });
    if (decision.kind === 'replace') plan.edits.push(replaceEdit(taskId, decision.setting, value));
    if (decision.kind === 'add') plan.edits.push(addEdit(taskId, key, decision.addition, value));
  }
  if (plan.edits.length > 0) plan.notes.push(...defaults.notes);
  return plan;
}

function replaceEdit(taskId: string, setting: FoundSetting, value: string): PlannedEdit {
  return {
    task_id: taskId, key: setting.key, old_value: setting.value, new_value: value, via: setting.via,
    spot: `replace:${setting.range.start}:${setting.range.end}`, change: { kind: 'replace', setting },
  };
}

function addEdit(taskId: string, key: string, addition: Addition, value: string): PlannedEdit {
  return {
    task_id: taskId, key, old_value: null, new_value: value, via: addition.via,
    spot: `${insertionSpot(addition)}:${key}`, change: { kind: 'add', addition },
  };
}

/** Where an insertion goes: insertions with the same spot are written together. */
export function insertionSpot(addition: Addition): string {
  const insertion = addition.insertion;
  if (insertion.kind === 'entries') return `entries:${insertion.dict.range.start}`;
  if (insertion.kind === 'arguments') return `arguments:${insertion.task.range.start}`;
  if (insertion.kind === 'items') return `items:${insertion.list.range.start}:${insertion.after}`;
  return `words:${insertion.scalar.range.start}`;
}

/** The single task with this id in the DAG, or why there is none we can edit. */
function findTask(document: DagDocument, dagId: string, taskId: string): TaskView | string {
  const tasks = document.tasks.filter((task) => task.dag_id === dagId && task.task_id === taskId);
  const [task, second] = tasks;
  if (!task) {
    const computed = document.tasks.some((candidate) => candidate.dag_id === dagId && candidate.task_id === null);
    const hint = computed ? '; some of its tasks get computed ids (for example in a loop), which cannot be edited safely' : '';
    return `task ${taskId} of DAG ${dagId} is not in this file${hint}`;
  }
  if (second) return `task ${taskId} is defined more than once in DAG ${dagId} (lines ${tasks.map((t) => t.line).join(', ')})`;
  if (task.dynamic) return `task ${taskId} ${task.dynamic} (line ${task.line}), so one edit could change several tasks`;
  return task;
}
