import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { readRepoConfig } from '../../config/read-repo-config.js';
import { localRepoFiles } from '../../dags/local-repo-files.js';
import { DiagnosisJsonSchema } from '../../diagnose/json/diagnosis-schema.js';
import { toDiagnosisJson } from '../../diagnose/json/to-diagnosis-json.js';
import { planProposal } from '../../pipeline/plan-proposal.js';
import type { PlanResult } from '../../pipeline/types.js';
import { LIMITS } from '../bounds.js';
import { ToolProblem, type McpContext } from '../context.js';
import { idInputs, repoPathInput } from '../inputs.js';
import { loadHistories } from '../load-histories.js';
import { answer } from '../tool-result.js';

const Output = {
  status: z
    .enum(['proposal', 'no-change', 'refused'])
    .describe('`proposal`: `diff` is the change; `no-change`: nothing to change; `refused`: a change is due but cannot be made safely.'),
  dag_id: z.string(),
  task_id: z.string().nullable(),
  message: z.string().describe('One line: what the change is, why nothing changes, or why the edit is refused.'),
  file_path: z.string().nullable().describe('The DAG file, relative to repo_path.'),
  diff: z.string().nullable().describe('The unified diff against the checkout at repo_path (nothing was written).'),
  pr_title: z.string().nullable(),
  pr_body: z.string().nullable().describe('The pull request body spark-tuner would open, with the five-section analysis.'),
  diagnosis: DiagnosisJsonSchema.nullable(),
  omitted: z.array(z.string()),
};

/** `propose_change` {dag_id, task_id?, repo_path} → the unified diff for a local checkout, or the refusal; writes nothing. */
export function registerProposeChange(server: McpServer, ctx: McpContext): void {
  const ids = idInputs(ctx.group_by);
  server.registerTool(
    'propose_change',
    {
      title: 'Propose a Spark config change',
      description:
        "The change spark-tuner would propose to a DAG's Spark settings, as a unified diff against the local checkout at repo_path " +
        '(read only: nothing is written, no branch, no PR), or why the edit is refused.',
      inputSchema: { dag_id: ids.dag_id, task_id: ids.task_id, repo_path: repoPathInput },
      outputSchema: Output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ dag_id, task_id, repo_path }) =>
      answer('propose_change', ctx, async () => {
        const dir = await existingDirectory(repo_path);
        const repo = localRepoFiles(dir);
        const { config, problems } = await readRepoConfig(repo);
        const lookback = ctx.lookback_days ?? config.lookback_days;
        const loaded = await loadHistories(ctx, { dag_id, task_id: task_id ?? null, lookback_days: lookback });
        const plan = await planProposal({
          dag_id,
          task_id: task_id ?? null,
          summaries: loaded.histories.flatMap((h) => h.runs),
          repo,
          dag_paths: config.dag_paths,
          metric_source: loaded.metric_source,
          until: loaded.window.until,
          lookback_days: lookback,
          min_runs: ctx.min_runs ?? config.min_runs,
          rules: config.rules,
          labels: config.labels,
          prices: config.prices,
          node_memory_mb: config.node_memory_mb,
          ignore: config.ignore,
          max_dag_file_mb: config.max_dag_file_mb,
          group_by: ctx.group_by,
        });
        if (plan.kind === 'not-found') throw new ToolProblem(plan.message);
        const structured = structuredOf(plan, dag_id, task_id ?? null, problems.map((p) => `.github/spark-tuner.yml: ${p}`));
        return { structured, text: textOf(structured) };
      }),
  );
}

type Structured = z.infer<z.ZodObject<typeof Output>>;

function structuredOf(plan: Exclude<PlanResult, { kind: 'not-found' }>, dagId: string, taskId: string | null, omitted: string[]): Structured {
  const diagnosis = toDiagnosisJson(plan.diagnoses, { max_tasks: LIMITS.diagnosed_tasks, max_evidence_runs: LIMITS.evidence_runs });
  const base = { dag_id: dagId, task_id: taskId, diagnosis, omitted: [...omitted, ...diagnosis.omitted] };
  if (plan.kind === 'no-change') return { ...base, status: 'no-change', message: plan.message, file_path: null, diff: null, pr_title: null, pr_body: null };
  if (plan.kind === 'refused') return { ...base, status: 'refused', message: `refused: ${plan.reason}`, file_path: null, diff: null, pr_title: null, pr_body: null };
  const { proposal } = plan;
  const cut = proposal.diff.length > LIMITS.diff_chars;
  return {
    ...base,
    status: 'proposal',
    message: proposal.title,
    file_path: proposal.file_path,
    diff: cut ? proposal.diff.slice(0, LIMITS.diff_chars) : proposal.diff,
    pr_title: proposal.title,
    pr_body: proposal.body,
    omitted: cut ? [...base.omitted, `The diff was cut to its first ${LIMITS.diff_chars} characters.`] : base.omitted,
  };
}

function textOf(s: Structured): string {
  if (s.status !== 'proposal') return s.message;
  return `${s.message} (${s.file_path}); nothing was written.\n\n${s.diff}`;
}

async function existingDirectory(repoPath: string): Promise<string> {
  const dir = path.resolve(repoPath);
  const stats = await stat(dir).catch(() => null);
  if (!stats?.isDirectory()) throw new ToolProblem(`repo_path ${repoPath} is not an existing directory; give the path of a local checkout.`);
  return dir;
}
