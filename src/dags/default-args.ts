import type { DagDocument, TaskView } from './document.js';
import { PRECEDENCE, type DagFamily, type SettingProblem } from './family.js';
import { entryOf, type Value } from './values/value.js';

/** What a DAG's `default_args` mean for one task's settings. */
export interface DefaultArgsFindings {
  problems: SettingProblem[];
  /** Said when the task is edited: default_args the file cannot show, which cannot reach the edit. */
  notes: string[];
}

/**
 * Airflow fills in the operator arguments a task does not pass from its DAG's `default_args`. A setting
 * argument the task lacks (`executor_memory`, `conf`) that default_args set hides the task's own settings of that
 * level (editing default_args is not supported); when default_args cannot be read (imported, computed), any such
 * argument may come from them, so the keys it could set are refused and the rest is edited with a note.
 */
export function defaultArgsFindings(task: TaskView, document: DagDocument, family: DagFamily): DefaultArgsFindings {
  const findings: DefaultArgsFindings = { problems: [], notes: [] };
  const dag = document.dags.find((candidate) => candidate.dag_id === task.dag_id);
  for (const value of dag?.defaultArgs ?? []) {
    if (value.kind === 'null') continue;
    const unreadable = value.kind === 'dict' ? value.problems[0]?.reason : describe(value);
    if (value.kind === 'dict' && unreadable === undefined) knownDefaults(task, family, dag?.dag_id ?? '', value, findings);
    else opaqueDefaults(task, family, `the default_args of DAG ${dag?.dag_id} (line ${value.line}) ${unreadable}`, findings);
  }
  return findings;
}

function knownDefaults(
  task: TaskView, family: DagFamily, dagId: string, defaults: Value & { kind: 'dict' }, findings: DefaultArgsFindings,
): void {
  for (const [argument, role] of Object.entries(family.settingArguments)) {
    const entry = entryOf(defaults, argument);
    if (!entry || task.arguments.has(argument)) continue;
    const reason = `DAG ${dagId} sets ${argument} for every task in its default_args (line ${entry.line}); `
      + 'editing default_args is not supported yet';
    findings.problems.push({ key: role.key, precedence: role.key ? PRECEDENCE.defaultArgs : role.precedence, reason });
  }
}

function opaqueDefaults(task: TaskView, family: DagFamily, where: string, findings: DefaultArgsFindings): void {
  const taskId = task.task_id ?? '';
  for (const [argument, role] of Object.entries(family.settingArguments)) {
    if (task.arguments.has(argument)) continue;
    if (role.key) {
      const reason = `${where}; they may set ${argument}, which would override ${role.key} for task ${taskId}, `
        + `and this file cannot tell; pass ${argument}= on the task to make it explicit`;
      findings.problems.push({ key: role.key, precedence: PRECEDENCE.defaultArgs, reason });
    } else {
      const reason = `${where}; task ${taskId} does not pass ${argument}, so it may come from them, and this file cannot tell`;
      findings.problems.push({ key: null, precedence: role.precedence, reason });
    }
  }
  findings.notes.push(`${where}; they cannot override the arguments task ${taskId} passes itself, `
    + 'which hold the edited settings');
}

function describe(value: Value): string {
  if (value.kind === 'opaque') return value.reason;
  return `is a ${value.kind}, not a dict`;
}
