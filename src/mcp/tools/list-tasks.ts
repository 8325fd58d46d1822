import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { matchesGlob } from '../../config/id-glob.js';
import { DEFAULT_REPO_CONFIG } from '../../config/repo-config-schema.js';
import type { TaskHistory } from '../../diagnose/types.js';
import { isoDate } from '../../format.js';
import { LIMITS } from '../bounds.js';
import type { McpContext } from '../context.js';
import { idInputs, lookbackDaysInput } from '../inputs.js';
import { loadHistories } from '../load-histories.js';
import { answer } from '../tool-result.js';

const status = z.enum(['succeeded', 'failed', 'incomplete']);

const TaskRow = z.object({
  dag_id: z.string(),
  task_id: z.string(),
  runs: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  incomplete: z.number().int(),
  last_status: status,
  last_start_time: z.number().nullable().describe('Epoch ms of the newest run.'),
  last_app_id: z.string(),
});

const ListTasksOutput = {
  metric_source: z.enum(['eventlogs', 'athena']),
  window: z.object({ since: z.number(), until: z.number() }).describe('Epoch ms.'),
  tasks_total: z.number().int(),
  tasks: z.array(TaskRow).describe('Sorted by dag_id, then task_id.'),
  omitted: z.array(z.string()).describe('What was left out to keep the answer bounded.'),
};

/** `list_tasks` {dag_id_glob?, lookback_days?} → DAG tasks with run counts and last status. */
export function registerListTasks(server: McpServer, ctx: McpContext): void {
  const ids = idInputs(ctx.group_by);
  server.registerTool(
    'list_tasks',
    {
      title: 'List Spark tasks',
      description: 'The DAG tasks that ran Spark in the window, with their run counts and the status of their newest run.',
      inputSchema: { dag_id_glob: ids.dag_id_glob, lookback_days: lookbackDaysInput },
      outputSchema: ListTasksOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ dag_id_glob, lookback_days }) =>
      answer('list_tasks', ctx, async () => {
        const days = lookback_days ?? ctx.lookback_days ?? DEFAULT_REPO_CONFIG.lookback_days;
        const loaded = await loadHistories(ctx, { dag_id: null, task_id: null, lookback_days: days });
        const matching = loaded.histories.filter((h) => dag_id_glob === undefined || matchesGlob(h.dag_id, dag_id_glob));
        const tasks = matching.slice(0, LIMITS.tasks).map(taskRow);
        const omitted = tasks.length < matching.length ? [`${matching.length - tasks.length} of ${matching.length} tasks were left out; narrow dag_id_glob.`] : [];
        const structured = { metric_source: loaded.metric_source, window: loaded.window, tasks_total: matching.length, tasks, omitted };
        const lines = tasks.map((t) => `- ${t.dag_id}.${t.task_id}: ${t.runs} run(s), ${t.succeeded} succeeded, last ${t.last_status}`);
        const head = `${matching.length} task(s) with runs in the ${days}-day window ending ${isoDate(loaded.window.until)}.`;
        return { structured, text: [head, ...lines, ...omitted].join('\n') };
      }),
  );
}

function taskRow(history: TaskHistory): z.infer<typeof TaskRow> {
  const last = history.runs.at(-1);
  const count = (s: string): number => history.runs.filter((run) => run.status === s).length;
  return {
    dag_id: history.dag_id,
    task_id: history.task_id,
    runs: history.runs.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    incomplete: count('incomplete'),
    last_status: last?.status ?? 'incomplete',
    last_start_time: last?.start_time ?? null,
    last_app_id: last?.app_id ?? '',
  };
}
