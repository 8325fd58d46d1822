import type { DagDocument, TaskView } from './document.js';
import type { Addition, DagFamily, FoundSetting, SettingProblem, TaskSettings } from './family.js';
import { lookAlikeNotes } from './look-alike-keys.js';

/** What to do with one requested key of one task. */
export type KeyDecision =
  | { kind: 'refused'; reason: string }
  /** The occurrence Spark obeys already has the value. */
  | { kind: 'keep'; setting: FoundSetting; notes: string[] }
  | { kind: 'replace'; setting: FoundSetting; notes: string[] }
  | { kind: 'add'; addition: Addition; notes: string[] };

/**
 * Picks the occurrence of `key` that Spark obeys among the task's own (highest precedence, then the last
 * written) and edits it; adds the key when the task has none; refuses when a problem hides the value.
 * Occurrences left as they are with another value become notes.
 */
export function decideKey(
  task: TaskView, document: DagDocument, family: DagFamily, found: TaskSettings, key: string, value: string,
): KeyDecision {
  const taskId = task.task_id ?? '';
  const occurrences = found.settings
    .filter((setting) => setting.key === key)
    .sort((a, b) => a.precedence - b.precedence || a.range.start - b.range.start);
  const own = occurrences.filter((setting) => !setting.foreign);
  const chosen = own.at(-1);
  const problems = found.problems.filter((problem) => problem.key === key || problem.key === null);
  const lookAlikes = lookAlikeNotes(found.settings, key, taskId);
  if (!chosen) return decideAddition(task, document, family, { key, value, occurrences, problems, lookAlikes });
  const blocking = blockingProblem(problems, chosen.precedence);
  if (blocking) return { kind: 'refused', reason: blocking.reason };
  const above = occurrences.find((setting) => setting.foreign && setting.precedence > chosen.precedence);
  const setting = `${key} of task ${taskId}`;
  if (above) {
    return refused(`${setting} is overridden by ${above.label} (line ${above.line}), which spark-tuner does not edit for this task`);
  }
  if (chosen.word && /\s/.test(value)) {
    return refused(`${setting} is part of a command-line word (line ${chosen.line}), but the new value ${value} contains white space`);
  }
  if (chosen.literal === 'number' && !/^\d+$/.test(value)) {
    return refused(`${setting} is written as a number (line ${chosen.line}), but the new value ${value} is not a whole number`);
  }
  const where = `${chosen.label} (line ${chosen.line})`;
  const notes = [
    ...overriddenNotes(occurrences, chosen, taskId, value, where), ...hiddenNotes(problems, key, where), ...lookAlikes,
  ];
  return { kind: chosen.value === value ? 'keep' : 'replace', setting: chosen, notes };
}

interface AdditionContext {
  key: string;
  value: string;
  occurrences: FoundSetting[];
  problems: SettingProblem[];
  lookAlikes: string[];
}

function decideAddition(task: TaskView, document: DagDocument, family: DagFamily, context: AdditionContext): KeyDecision {
  const { key, value, occurrences, problems, lookAlikes } = context;
  const taskId = task.task_id ?? '';
  const addition = family.addSetting(task, document, key, value);
  if (typeof addition === 'string') {
    return { kind: 'refused', reason: problems[0]?.reason ?? `${key} is not set for task ${taskId}; ${addition}` };
  }
  const blocking = blockingProblem(problems, addition.precedence);
  if (blocking) return { kind: 'refused', reason: blocking.reason };
  const where = `the new ${addition.label}`;
  const notes = [
    ...overriddenNotes(occurrences, null, taskId, value, where), ...hiddenNotes(problems, key, where), ...lookAlikes,
  ];
  return { kind: 'add', addition, notes };
}

function refused(reason: string): KeyDecision {
  return { kind: 'refused', reason };
}

function blockingProblem(problems: SettingProblem[], precedence: number): SettingProblem | undefined {
  return problems.find((problem) => problem.precedence >= precedence);
}

function overriddenNotes(
  occurrences: FoundSetting[], chosen: FoundSetting | null, taskId: string, value: string, where: string,
): string[] {
  return occurrences
    .filter((other) => other !== chosen && other.value !== value)
    .map((other) => `task ${taskId} also ${other.foreign ? 'gets' : 'sets'} ${other.key} = ${other.value} `
      + `${other.foreign ? 'from' : 'in'} ${other.label} (line ${other.line}); `
      + `${where} takes precedence, so that one was left as it is`);
}

function hiddenNotes(problems: SettingProblem[], key: string, where: string): string[] {
  return problems.filter((problem) => problem.key === key).map((problem) => `${problem.reason}; ${where} takes precedence`);
}
