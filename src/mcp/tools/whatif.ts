import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DEFAULT_REPO_CONFIG } from '../../config/repo-config-schema.js';
import { taskRuns } from '../../whatif/task-runs.js';
import { whatifReport } from '../../whatif/whatif-report.js';
import { whatifTask } from '../../whatif/whatif-task.js';
import { sourceName } from '../../narrate/deterministic/overview.js';
import { ToolProblem, type McpContext } from '../context.js';
import { idInputs, lookbackDaysInput } from '../inputs.js';
import { loadHistories } from '../load-histories.js';
import { answer } from '../tool-result.js';

const count = (name: string, max: number, what: string) =>
  z
    .number({ error: `${name} must be a whole number from 1 to ${max}.` })
    .int(`${name} must be a whole number from 1 to ${max}.`)
    .min(1, `${name} must be a whole number from 1 to ${max}.`)
    .max(max, `${name} must be a whole number from 1 to ${max}.`)
    .describe(what);

const Cost = z.object({
  executor_hours: z.number(),
  core_hours: z.number(),
  gb_hours: z.number().describe('Executor containers: lifetime × (heap + overhead).'),
  driver_gb_hours: z.number().nullable(),
  cost_usd: z.number(),
});

const Output = {
  dag_id: z.string(),
  task_id: z.string(),
  method: z.string().describe('How the runs were replayed (named wherever a prediction is shown).'),
  proposal: z.object({ executors: z.number().int(), cores: z.number().int().nullable().describe("Null: each run's own cores.") }),
  runs: z
    .array(
      z.object({
        app_id: z.string(),
        attempt_id: z.string().nullable(),
        run_id: z.string().nullable(),
        start_time: z.number().nullable(),
        replay: z.object({
          executors_before: z.number(), executors_after: z.number(), cores_before: z.number(), cores_after: z.number(),
          slots_before: z.number(), slots_after: z.number(), wall_ms_before: z.number(), wall_ms_after: z.number(),
          raw_wall_ms_today: z.number(), executor_ms_before: z.number(), executor_ms_after: z.number(), method: z.string(),
        }),
        before: Cost,
        after: Cost,
      }),
    )
    .describe('Each successful run of the window, predicted.'),
  skipped: z.array(z.object({ app_id: z.string(), attempt_id: z.string().nullable(), reason: z.string() })).describe('Runs left out, and why.'),
  overall: z
    .object({ runs: z.number().int(), wall_ms_before: z.number(), wall_ms_after: z.number(), before: Cost, after: Cost })
    .nullable()
    .describe('Means per run; null when no run could be replayed.'),
};

/** `whatif` {dag_id, task_id, executors, cores?, lookback_days?} → predicted runtime and cost per run at another executor count. */
export function registerWhatif(server: McpServer, ctx: McpContext): void {
  const ids = idInputs(ctx.group_by);
  server.registerTool(
    'whatif',
    {
      title: 'What if a task had other executors',
      description:
        "Predicted wall time, executor-hours, GB-hours and cost per run of a DAG task's runs with another executor count (and cores), " +
        'replaying each run’s stage timeline (the content of `spark-tuner whatif --json`).',
      inputSchema: {
        dag_id: ids.dag_id,
        task_id: ids.task_id.unwrap().describe('The task id (the application name grouping uses `app`).'),
        executors: count('executors', 10_000, 'The executor count to predict.'),
        cores: count('cores', 256, 'Cores per executor to predict; each run’s own when absent.').optional(),
        lookback_days: lookbackDaysInput,
      },
      outputSchema: Output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ dag_id, task_id, executors, cores, lookback_days }) =>
      answer('whatif', ctx, async () => {
        const request = { dag_id, task_id, lookback_days: lookback_days ?? ctx.lookback_days ?? DEFAULT_REPO_CONFIG.lookback_days };
        // the DAG's every task, so an unknown task id can be answered with the DAG's tasks
        const loaded = await loadHistories(ctx, { ...request, task_id: null });
        const found = taskRuns(loaded.histories.flatMap((h) => h.runs), {
          dag_id, task_id, group_by: ctx.group_by, window: loaded.window, place: `${sourceName(loaded.metric_source)} (the ${request.lookback_days}-day window)`,
        });
        if ('problem' in found) throw new ToolProblem(found.problem.replace('pass --until and --lookback-days', 'raise lookback_days'));
        const result = whatifTask(found.runs, { executors, cores: cores ?? null }, DEFAULT_REPO_CONFIG.prices);
        return { structured: { dag_id, task_id, ...result }, text: whatifReport(`${dag_id}.${task_id}`, result) };
      }),
  );
}
