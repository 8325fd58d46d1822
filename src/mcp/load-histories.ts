import { isoDate } from '../format.js';
import { groupHistories } from '../diagnose/history.js';
import type { TaskHistory } from '../diagnose/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { sourceName } from '../narrate/deterministic/overview.js';
import { ToolProblem, type McpContext } from './context.js';

const DAY_MS = 86_400_000;

export interface HistoryRequest {
  /** One DAG (and task), or null for every task. */
  dag_id: string | null;
  task_id: string | null;
  lookback_days: number;
}

export interface LoadedHistories {
  histories: TaskHistory[];
  /** Every summary of the window (the planner picks its DAG's own). */
  summaries: ApplicationSummary[];
  window: { since: number; until: number };
  metric_source: 'eventlogs' | 'athena';
  /** Inputs the source could not read, as a count (their names stay in the server's log). */
  unreadable: number;
}

/** The task histories of the window from the server's metrics source, grouped as the server groups runs. */
export async function loadHistories(ctx: McpContext, request: HistoryRequest): Promise<LoadedHistories> {
  const metrics = ctx.metrics();
  if (!metrics.ok) throw new ToolProblem(metrics.message);
  const until = ctx.clock();
  const window = { since: until - request.lookback_days * DAY_MS, until };
  // Grouped by application name, the ids are not the rows' dag_id/task_id: load the window and group.
  const byAirflow = ctx.group_by === 'airflow';
  const { summaries, problems } = await metrics.source.load({
    dag_id: byAirflow ? request.dag_id : null,
    task_id: byAirflow ? request.task_id : null,
    ...window,
  });
  for (const problem of problems) ctx.log(`metrics: ${problem}`);
  const histories = groupHistories(summaries, ctx.group_by).filter(
    (h) => (request.dag_id === null || h.dag_id === request.dag_id) && (request.task_id === null || h.task_id === request.task_id),
  );
  return { histories, summaries, window, metric_source: metrics.source.name, unreadable: problems.length };
}

/** The one sentence a tool answers when a DAG (or task) has no run in the window. */
export function noRunsProblem(request: HistoryRequest, loaded: LoadedHistories): ToolProblem {
  const target = request.task_id ? `${request.dag_id}.${request.task_id}` : request.dag_id;
  return new ToolProblem(
    `No runs of ${target} started in the ${request.lookback_days}-day window ending ${isoDate(loaded.window.until)} in ` +
      `${sourceName(loaded.metric_source)}; list_tasks shows the tasks that have runs.`,
  );
}
