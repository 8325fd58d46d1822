import type { ApplicationSummary } from '../metrics/summary.js';
import type { RuleInput, TaskHistory } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Groups summaries by Airflow task, oldest run first; rows without `dag_id`/`task_id` belong to no task. */
export function groupHistories(summaries: ApplicationSummary[]): TaskHistory[] {
  const byTask = new Map<string, TaskHistory>();
  for (const row of summaries) {
    if (!row.dag_id || !row.task_id) continue;
    const key = `${row.dag_id}\u0000${row.task_id}`;
    let history = byTask.get(key);
    if (!history) {
      history = { dag_id: row.dag_id, task_id: row.task_id, runs: [] };
      byTask.set(key, history);
    }
    history.runs.push(row);
  }
  const histories = [...byTask.values()];
  for (const history of histories) history.runs.sort(byStartTime);
  return histories.sort((a, b) => a.dag_id.localeCompare(b.dag_id) || a.task_id.localeCompare(b.task_id));
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
export function ruleInput(history: TaskHistory, window: Window, minRuns: number): RuleInput {
  const runs = history.runs.filter((run) => run.start_time !== null && run.start_time >= window.since && run.start_time <= window.until);
  return {
    dag_id: history.dag_id,
    task_id: history.task_id,
    runs,
    successful: runs.filter((run) => run.status === 'succeeded'),
    min_runs: minRuns,
  };
}

function byStartTime(a: ApplicationSummary, b: ApplicationSummary): number {
  return (a.start_time ?? 0) - (b.start_time ?? 0) || a.app_id.localeCompare(b.app_id);
}
