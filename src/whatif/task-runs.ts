import { isoDate } from '../format.js';
import { groupHistories, type GroupBy, type Window } from '../diagnose/history.js';
import type { ApplicationSummary } from '../metrics/summary.js';

export interface TaskRunsRequest {
  dag_id: string;
  task_id: string;
  group_by: GroupBy;
  window: Window;
  /** Where the runs came from, for messages ("the Athena summary table", a directory). */
  place: string;
}

/**
 * The runs of one DAG task that started in the window, oldest first; or one sentence saying what is missing:
 * the DAG (no run at all), the task (naming the DAG's tasks), or runs in the window.
 */
export function taskRuns(summaries: ApplicationSummary[], request: TaskRunsRequest): { runs: ApplicationSummary[] } | { problem: string } {
  const histories = groupHistories(summaries, request.group_by).filter((h) => h.dag_id === request.dag_id);
  if (histories.length === 0) return { problem: `No runs of DAG "${request.dag_id}" in ${request.place}.` };
  const history = histories.find((h) => h.task_id === request.task_id);
  if (!history) {
    const tasks = histories.map((h) => h.task_id).join(', ');
    return { problem: `DAG "${request.dag_id}" has no task "${request.task_id}" with runs in ${request.place}; its tasks: ${tasks}.` };
  }
  const { since, until } = request.window;
  const runs = history.runs.filter((run) => run.start_time !== null && run.start_time >= since && run.start_time <= until);
  if (runs.length === 0) {
    return {
      problem:
        `No run of ${request.dag_id}.${request.task_id} started between ${isoDate(since)} and ${isoDate(until)} ` +
        `(${history.runs.length} older or later run(s)); pass --until and --lookback-days to look at them.`,
    };
  }
  return { runs };
}
