import type { TaskChanges } from './types.js';

/** The requested settings of one task: key → new value. */
export type RequestedSettings = Map<string, string>;

export type MergedChanges =
  | { kind: 'merged'; tasks: Map<string, RequestedSettings> }
  | { kind: 'refused'; reason: string };

/** Merges the requested changes per task, refusing two different values for one key. */
export function mergeChanges(changes: TaskChanges[]): MergedChanges {
  const tasks = new Map<string, RequestedSettings>();
  for (const change of changes) {
    const settings = tasks.get(change.task_id) ?? new Map<string, string>();
    tasks.set(change.task_id, settings);
    for (const { key, value } of change.settings) {
      const earlier = settings.get(key);
      if (earlier !== undefined && earlier !== value) {
        return { kind: 'refused', reason: `the change asks for two values of ${key} for task ${change.task_id} (${earlier} and ${value})` };
      }
      const problem = valueProblem(key, value);
      if (problem) return { kind: 'refused', reason: problem };
      settings.set(key, value);
    }
  }
  return { kind: 'merged', tasks };
}

/** Why a new value cannot be written as a plain literal, or null. */
function valueProblem(key: string, value: string): string | null {
  if (value === '') return `the new value of ${key} is empty`;
  if (/['"\\\u0000-\u001f\u007f]/.test(value)) {
    return `the new value of ${key} contains a quote, backslash or line break, which would need escaping`;
  }
  return null;
}
