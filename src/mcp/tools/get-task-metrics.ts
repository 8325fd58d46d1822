import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DEFAULT_REPO_CONFIG } from '../../config/repo-config-schema.js';
import { isoDate } from '../../format.js';
import { LIMITS, newestThatFit } from '../bounds.js';
import type { McpContext } from '../context.js';
import { idInputs, lookbackDaysInput } from '../inputs.js';
import { loadHistories, noRunsProblem } from '../load-histories.js';
import { withProfileDigest } from '../stage-profile-digest.js';
import { answer } from '../tool-result.js';

const Output = {
  dag_id: z.string(),
  task_id: z.string().nullable(),
  metric_source: z.enum(['eventlogs', 'athena']),
  window: z.object({ since: z.number(), until: z.number() }).describe('Epoch ms.'),
  runs_total: z.number().int().describe('Runs in the window; more than rows.length when the answer was cut.'),
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .describe(
      'One ApplicationSummary per application attempt (DESIGN §2 columns), newest first; spark_conf is redacted. ' +
        'When the rows would not fit whole, every stage_profile is a digest instead: {digest: true, stages, omitted_stages, ' +
        'omitted_task_ms, driver_only_ms} (omitted says so).',
    ),
  omitted: z.array(z.string()).describe('What was left out to keep the answer bounded.'),
};

/** `get_task_metrics` {dag_id, task_id?, lookback_days?} → the summary rows of the task's runs, secrets redacted. */
export function registerGetTaskMetrics(server: McpServer, ctx: McpContext): void {
  const ids = idInputs(ctx.group_by);
  server.registerTool(
    'get_task_metrics',
    {
      title: 'Spark metrics of a task',
      description:
        'The summary rows (one per Spark application attempt: configuration, skew, spill, failures, timing, resource use) ' +
        `of a DAG task's runs in the window, newest first, at most ${LIMITS.rows}.`,
      inputSchema: { dag_id: ids.dag_id, task_id: ids.task_id, lookback_days: lookbackDaysInput },
      outputSchema: Output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ dag_id, task_id, lookback_days }) =>
      answer('get_task_metrics', ctx, async () => {
        const request = { dag_id, task_id: task_id ?? null, lookback_days: lookback_days ?? ctx.lookback_days ?? DEFAULT_REPO_CONFIG.lookback_days };
        const loaded = await loadHistories(ctx, request);
        const runs = loaded.histories.flatMap((h) => h.runs).sort((a, b) => (b.start_time ?? 0) - (a.start_time ?? 0));
        if (runs.length === 0) throw noRunsProblem(request, loaded);
        const newest = runs.slice(0, LIMITS.rows);
        const whole = newestThatFit(newest, LIMITS.rows, LIMITS.row_chars);
        const digested = whole.length < newest.length && newest.some((run) => run.stage_profile !== null);
        const rows = digested ? newestThatFit(newest.map(withProfileDigest), LIMITS.rows, LIMITS.row_chars) : whole;
        const omitted = [
          ...(digested ? ['Each stage_profile is given as a digest (stages kept and omitted, driver-only ms) so that more rows fit; the whatif tool replays the whole profiles.'] : []),
          ...(rows.length < runs.length ? [`Only the ${rows.length} newest of ${runs.length} runs are listed; shorten lookback_days or name the task_id.`] : []),
        ];
        const structured = { dag_id, task_id: request.task_id, metric_source: loaded.metric_source, window: loaded.window, runs_total: runs.length, rows, omitted };
        const lines = rows.map(
          (r) => `- ${r.task_id ?? ''} ${r.app_id}: ${r.status}, started ${r.start_time ? isoDate(r.start_time) : 'unknown'}, ${r.duration_ms ?? '?'} ms`,
        );
        const head = `${runs.length} run(s) of ${request.task_id ? `${dag_id}.${request.task_id}` : dag_id} in the ${request.lookback_days}-day window.`;
        return { structured, text: [head, ...lines, ...omitted].join('\n') };
      }),
  );
}
