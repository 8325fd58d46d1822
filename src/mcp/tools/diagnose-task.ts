import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DiagnosisJsonSchema } from '../../diagnose/json/diagnosis-schema.js';
import { toDiagnosisJson } from '../../diagnose/json/to-diagnosis-json.js';
import { LIMITS } from '../bounds.js';
import type { McpContext } from '../context.js';
import { diagnoseHistories } from '../diagnose-histories.js';
import { idInputs } from '../inputs.js';
import { answer } from '../tool-result.js';

/** `diagnose_task` {dag_id, task_id?} → the diagnosis JSON (schema_version 1): findings, recommendations, held back, impact. */
export function registerDiagnoseTask(server: McpServer, ctx: McpContext): void {
  const ids = idInputs(ctx.group_by);
  server.registerTool(
    'diagnose_task',
    {
      title: 'Diagnose a Spark task',
      description:
        'Findings (with their evidence), the recommendations that would be proposed, the proposals the guardrails held back ' +
        'and why, and the estimated impact, from the history of a DAG task (the content of `spark-tuner diagnose --json`).',
      inputSchema: { dag_id: ids.dag_id, task_id: ids.task_id },
      outputSchema: DiagnosisJsonSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ dag_id, task_id }) =>
      answer('diagnose_task', ctx, async () => {
        const { diagnoses } = await diagnoseHistories(ctx, dag_id, task_id ?? null);
        const json = toDiagnosisJson(diagnoses, { max_tasks: LIMITS.diagnosed_tasks, max_evidence_runs: LIMITS.evidence_runs });
        const lines = json.tasks.flatMap((t) => [
          `${t.dag_id}.${t.task_id}: ${t.runs_in_window} run(s) in the window, ${t.findings.length} finding(s).`,
          ...t.findings.map((f) => `- [${f.kind}] ${f.title}${f.needs_human ? ' (needs a person)' : ''}`),
          ...t.recommendations.map((r) => `- propose ${r.key}: ${r.current ?? 'unset'} → ${r.proposed}`),
          ...t.held_back.map((h) => `- held back ${h.key}=${h.proposed}: ${h.because}`),
        ]);
        return { structured: json, text: [...lines, ...json.omitted].join('\n') };
      }),
  );
}
