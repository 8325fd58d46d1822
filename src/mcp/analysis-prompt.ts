import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { TaskDiagnosis } from '../diagnose/types.js';
import { buildAnalysisPrompt } from '../narrate/prompt/build-analysis-prompt.js';
import { LIMITS } from './bounds.js';
import { ToolProblem, type McpContext } from './context.js';
import { diagnoseHistories } from './diagnose-histories.js';
import { idInputs } from './inputs.js';
import { logFailure } from './tool-result.js';

/**
 * The prompt `spark_tuning_analysis` {dag_id, task_id?}: the Bedrock narrator's own prompt (one template in
 * `templates/analysis-prompt/`), built from the same data, so an assistant's answer has the five standardized sections.
 */
export function registerAnalysisPrompt(server: McpServer, ctx: McpContext): void {
  const ids = idInputs(ctx.group_by);
  server.registerPrompt(
    'spark_tuning_analysis',
    {
      title: 'Spark tuning analysis',
      description:
        "The standardized analysis of a DAG's Spark runs (application overview, current configuration, job health, " +
        'resource recommendations, action summary), with the measured data and the rule engine’s recommendations.',
      argsSchema: { dag_id: ids.dag_id, task_id: ids.task_id },
    },
    async ({ dag_id, task_id }) => {
      try {
        const { diagnoses, loaded } = await diagnoseHistories(ctx, dag_id, task_id ?? null);
        const prompt = buildAnalysisPrompt({
          dag_id,
          file_path: null,
          diagnoses: diagnoses.slice(0, LIMITS.diagnosed_tasks).map(boundEvidence),
          edits: [],
          edit_notes: [],
          metric_source: loaded.metric_source,
        });
        return {
          description: `Spark tuning analysis of ${task_id ? `${dag_id}.${task_id}` : dag_id}`,
          messages: [{ role: 'user' as const, content: { type: 'text' as const, text: `${prompt.system}\n${prompt.user}` } }],
        };
      } catch (error) {
        if (error instanceof ToolProblem) throw new McpError(ErrorCode.InvalidParams, error.message);
        logFailure(ctx, 'spark_tuning_analysis', error);
        throw new McpError(ErrorCode.InternalError, "spark_tuning_analysis failed unexpectedly; the server's log (stderr) has the details.");
      }
    },
  );
}

/** A finding's evidence lists only its newest runs, as the tools' answers do. */
function boundEvidence(d: TaskDiagnosis): TaskDiagnosis {
  return {
    ...d,
    findings: d.findings.map((f) => ({ ...f, evidence: { ...f.evidence, runs: f.evidence.runs.slice(-LIMITS.evidence_runs) } })),
  };
}
