import { DEFAULT_REPO_CONFIG } from '../config/repo-config-schema.js';
import { diagnoseTask } from '../diagnose/diagnose-task.js';
import type { TaskDiagnosis } from '../diagnose/types.js';
import type { McpContext } from './context.js';
import { loadHistories, noRunsProblem, type HistoryRequest, type LoadedHistories } from './load-histories.js';

export interface DiagnosedTasks {
  request: HistoryRequest;
  loaded: LoadedHistories;
  diagnoses: TaskDiagnosis[];
}

/** Diagnoses one DAG's tasks (or one task) with the default repository settings, as `diagnose` does. */
export async function diagnoseHistories(ctx: McpContext, dag_id: string, task_id: string | null): Promise<DiagnosedTasks> {
  const request = { dag_id, task_id, lookback_days: ctx.lookback_days ?? DEFAULT_REPO_CONFIG.lookback_days };
  const loaded = await loadHistories(ctx, request);
  if (loaded.histories.length === 0) throw noRunsProblem(request, loaded);
  const config = DEFAULT_REPO_CONFIG;
  const diagnoses = loaded.histories.map((history) =>
    diagnoseTask(history, {
      until: loaded.window.until,
      lookback_days: request.lookback_days,
      min_runs: ctx.min_runs ?? config.min_runs,
      metric_source: loaded.metric_source,
      rules: config.rules,
      prices: config.prices,
      node_memory_mb: config.node_memory_mb,
      group_by: ctx.group_by,
    }),
  );
  return { request, loaded, diagnoses };
}
