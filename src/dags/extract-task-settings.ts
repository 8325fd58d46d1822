import { detectFormat, formatOfPath, withDagDocument } from './dag-document.js';
import { familyForOperator } from './families.js';
import type { FoundSetting, SettingProblem } from './family.js';
import type { RewriteOptions } from './rewrite.js';
import { tooLarge } from './size-limit.js';

export type TaskSettingsResult =
  /** Every occurrence of every key the task's family reads, and what hides values. */
  | { kind: 'found'; settings: FoundSetting[]; problems: SettingProblem[] }
  | { kind: 'refused'; reason: string };

/**
 * Reads the Spark settings written for one task (Renovate's `extract`): each occurrence with its value text,
 * offsets and precedence. What `rewriteDag` edits, for tools and tests that only look.
 */
export async function extractTaskSettings(
  source: string, dagId: string, taskId: string, options: RewriteOptions = {},
): Promise<TaskSettingsResult> {
  const large = tooLarge(source, options.maxFileBytes);
  if (large) return { kind: 'refused', reason: `the file ${large}` };
  const format = options.path ? formatOfPath(options.path) : await detectFormat(source);
  const parsed = await withDagDocument(source, format, (document): TaskSettingsResult => {
    const tasks = document.tasks.filter((task) => task.dag_id === dagId && task.task_id === taskId);
    const [task, second] = tasks;
    if (!task || second) return { kind: 'refused', reason: `DAG ${dagId} does not have exactly one task ${taskId} in this file` };
    const family = familyForOperator(task.operator);
    if (!family) return { kind: 'refused', reason: `task ${taskId} uses ${task.operator}, an operator spark-tuner does not know` };
    return { kind: 'found', ...family.extractSettings(task, document) };
  }, options.path);
  if (parsed.kind === 'parsed') return parsed.result;
  return { kind: 'refused', reason: `the file does not parse (syntax error at line ${parsed.line})` };
}
