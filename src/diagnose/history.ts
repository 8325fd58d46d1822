import type { ApplicationSummary } from '../metrics/summary.js';
import type { RuleInput, TaskHistory } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How runs are grouped into histories: `airflow` by `(dag_id, task_id)` (runs without Airflow linkage
 * belong to no task); `app-name` by Spark application name, with dates and times in it replaced by `*`
 * (for logs without Airflow linkage: the name is the DAG id, and the task id is `app`).
 */
export type GroupBy = 'airflow' | 'app-name';

/** The task id of every history grouped by application name. */
export const APP_NAME_TASK = 'app';

/** An application name with its date/time stamps (`2025_06_27_00_24_44`, `20250627T0024`) as `*`. */
export function appNameKey(name: string): string {
  return name
    .replace(/(?<!\d)\d{10,13}(?!\d)/g, '*')
    .replace(/(?:19|20)\d{2}[-_./]?(?:0[1-9]|1[0-2])[-_./]?(?:0[1-9]|[12]\d|3[01])(?:[-_T ]?\d{2}(?:[-_:]?\d{2}){0,2}(?:\.\d+)?Z?)?/g, '*')
    .trim();
}

/**
 * Groups summaries into task histories, oldest run first. The same application attempt seen twice in
 * a history (copied logs) counts once.
 */
export function groupHistories(summaries: ApplicationSummary[], groupBy: GroupBy = 'airflow'): TaskHistory[] {
  const byTask = new Map<string, TaskHistory>();
  const seen = new Set<string>();
  for (const row of summaries) {
    const ids = taskIds(row, groupBy);
    if (!ids) continue;
    const key = `${ids.dag_id}\u0000${ids.task_id}`;
    const attempt = `${key}\u0000${row.app_id}\u0000${row.attempt_id ?? ''}`;
    if (seen.has(attempt)) continue;
    seen.add(attempt);
    let history = byTask.get(key);
    if (!history) {
      history = { ...ids, runs: [] };
      byTask.set(key, history);
    }
    history.runs.push(row);
  }
  const histories = [...byTask.values()];
  for (const history of histories) history.runs.sort(byStartTime);
  return histories.sort((a, b) => a.dag_id.localeCompare(b.dag_id) || a.task_id.localeCompare(b.task_id));
}

function taskIds(row: ApplicationSummary, groupBy: GroupBy): { dag_id: string; task_id: string } | null {
  if (groupBy === 'airflow') return row.dag_id && row.task_id ? { dag_id: row.dag_id, task_id: row.task_id } : null;
  const name = row.app_name?.trim();
  return name ? { dag_id: appNameKey(name), task_id: APP_NAME_TASK } : null;
}

export interface Window {
  since: number;
  until: number;
}

/** The lookback window ending at `until` (epoch ms). */
export function lookbackWindow(until: number, lookbackDays: number): Window {
  return { since: until - lookbackDays * DAY_MS, until };
}

/** The runs of a history that started inside the window, split as the rules read them. */
export function ruleInput(history: TaskHistory, window: Window, minRuns: number, nodeMemoryMb?: number): RuleInput {
  const runs = history.runs.filter((run) => run.start_time !== null && run.start_time >= window.since && run.start_time <= window.until);
  const input: RuleInput = {
    dag_id: history.dag_id,
    task_id: history.task_id,
    runs,
    successful: runs.filter((run) => run.status === 'succeeded'),
    min_runs: minRuns,
  };
  if (nodeMemoryMb !== undefined) input.node_memory_mb = nodeMemoryMb;
  return input;
}

function byStartTime(a: ApplicationSummary, b: ApplicationSummary): number {
  return (a.start_time ?? 0) - (b.start_time ?? 0) || a.app_id.localeCompare(b.app_id) || (a.attempt_id ?? '').localeCompare(b.attempt_id ?? '');
}
