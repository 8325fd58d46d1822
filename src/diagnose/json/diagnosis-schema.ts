import { z } from 'zod';

/**
 * The diagnosis JSON (`diagnose --json`, the MCP tool `diagnose_task`): a documented, versioned shape. A change that
 * removes or renames a field, or changes its meaning, bumps `schema_version`; new optional fields do not. The JSON
 * Schema published in `schemas/diagnosis.v1.schema.json` is generated from these definitions (`npm run schema`).
 */
export const DIAGNOSIS_SCHEMA_VERSION = 1;

const value = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const epochMs = z.number().describe('Epoch milliseconds (UTC).');
const ruleId = z.string().describe('The rule that produced it, e.g. `executor-memory-overprovisioned`.');

const change = {
  rule_id: ruleId,
  key: z.string().describe('The Spark property, e.g. `spark.executor.memory`.'),
  current: z.string().nullable().describe('The value the runs were configured with, as Spark reported it; null if unset.'),
  proposed: z.string().describe('The value the rule proposes.'),
  reason: z.string().describe('One sentence a reviewer reads next to the change.'),
  runtime_effect: z.string().optional().describe('The expected effect on runtime, e.g. `none expected`.'),
};

const ProposedChangeSchema = z
  .object({ status: z.literal('proposed'), ...change })
  .describe('A recommendation that will be proposed (after merging the rules and applying the guardrails).');

const HeldBackChangeSchema = z
  .object({
    status: z.literal('held_back'),
    ...change,
    guardrail: z
      .enum(['memory-failure', 'explicit-non-heap-memory', 'node-size', 'allocation-bounds'])
      .describe('The guardrail of DESIGN §3 that held it back.'),
    because: z.string().describe('One sentence: why it is not proposed.'),
  })
  .describe('A recommendation a rule made that the guardrails held back: it is NOT proposed.');

const RunEvidenceSchema = z.object({
  app_id: z.string(),
  attempt_id: z.string().nullable(),
  run_id: z.string().nullable().describe('The Airflow run id, when the run carries it.'),
  start_time: epochMs.nullable(),
  status: z.enum(['succeeded', 'failed', 'incomplete']),
  values: z.record(z.string(), value).describe('The metric values the rule looked at, by summary column name.'),
});

const EvidenceSchema = z.object({
  runs: z.array(RunEvidenceSchema).describe('The runs the finding rests on (the newest ones when `runs_total` is larger).'),
  runs_total: z.number().int().describe('How many runs the evidence has; more than `runs.length` when the list was cut.'),
  spark_versions: z.array(z.string()),
  metric_source: z.string().describe('`eventlogs` or `athena`.'),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).describe('Aggregates the decision was based on.'),
  stages: z.array(z.number().int()).optional().describe('The stages the finding is about, when the metrics name one.'),
});

const FindingProposalSchema = z.object({
  key: z.string(),
  proposed: z.string().describe('The value this finding’s rule proposed.'),
  outcome: z
    .enum(['proposed', 'adjusted', 'superseded', 'held_back', 'not_needed', 'ignored'])
    .describe(
      '`proposed`: in `recommendations` as is; `adjusted`: in `recommendations` with a value a guardrail bounded; ' +
        '`superseded`: another rule’s value for the key won; `held_back`: see `held_back`; `not_needed`: already configured; ' +
        '`ignored`: the repository config ignores it.',
    ),
});

const FindingSchema = z.object({
  rule_id: ruleId,
  kind: z.enum(['cost', 'reliability']).describe('Saving money, or making the job stop failing.'),
  title: z.string(),
  detail: z.string(),
  needs_human: z.boolean().describe('True when a person has to look: no configuration change is proposed.'),
  evidence: EvidenceSchema,
  proposals: z.array(FindingProposalSchema).describe('What the rule suggested, and what became of each suggestion.'),
});

const ImpactSchema = z
  .object({
    runs: z.number().int(),
    gb_hours_before: z.number(),
    gb_hours_after: z.number(),
    core_hours_before: z.number(),
    core_hours_after: z.number(),
    cost_before_usd: z.number(),
    cost_after_usd: z.number(),
    prices: z.object({ vcpu_hour_usd: z.number(), gb_hour_usd: z.number() }),
    driver_gb_hours_before: z.number().optional(),
    driver_gb_hours_after: z.number().optional(),
    runtime_effect: z.string().optional(),
    runtime_ms_before: z.number().optional().describe('Mean wall time per run today (ms).'),
    runtime_ms_after: z.number().optional().describe('Mean wall time per run after the changes (ms): predicted when executors or cores change.'),
    runtime_method: z.string().optional().describe('How runtime and executor time after were predicted (the what-if method), or what was assumed.'),
    runtime_unpredicted_runs: z.number().int().optional().describe('Runs whose executors change but that have no stage profile: no saving credited.'),
  })
  .describe('Allocated resources and cost per run, before and after the proposed changes (mean over the evidence runs).');

const LatestRunSchema = z.object({
  app_id: z.string(),
  attempt_id: z.string().nullable(),
  run_id: z.string().nullable(),
  status: z.enum(['succeeded', 'failed', 'incomplete']),
  start_time: epochMs.nullable(),
  duration_ms: z.number().nullable(),
  spark_version: z.string().nullable(),
});

export const TaskDiagnosisJsonSchema = z.object({
  dag_id: z.string(),
  task_id: z.string(),
  window: z.object({ since: epochMs, until: epochMs }).describe('The lookback window the runs were taken from.'),
  runs_in_window: z.number().int(),
  successful_runs_in_window: z.number().int(),
  latest_run: LatestRunSchema.nullable().describe('The newest run (its full row: the `get_task_metrics` tool or `summarize`).'),
  findings: z.array(FindingSchema),
  recommendations: z.array(ProposedChangeSchema).describe('What will be proposed, one per Spark property.'),
  held_back: z.array(HeldBackChangeSchema).describe('Held back by the guardrails, with why: NOT proposed.'),
  impact: ImpactSchema.nullable().describe('Null when nothing is proposed.'),
  notes: z.array(z.string()).describe('Why nothing was proposed, what was held back or adjusted, what the metrics lack.'),
});

export const DiagnosisJsonSchema = z
  .object({
    schema_version: z.literal(DIAGNOSIS_SCHEMA_VERSION),
    tasks: z.array(TaskDiagnosisJsonSchema).describe('One entry per DAG task with runs, sorted by dag_id then task_id.'),
    omitted: z.array(z.string()).describe('What was left out to keep the answer bounded (empty when nothing was).'),
    analyses: z
      .array(
        z.object({
          dag_id: z.string(),
          narrator: z.string(),
          fallback_reason: z.string().nullable(),
          narrative: z.record(z.string(), z.string()),
        }),
      )
      .optional()
      .describe('Only with `diagnose --narrator`: per DAG, the five sections of the analysis and which narrator wrote them.'),
  })
  .meta({ title: 'spark-tuner diagnosis', description: 'Findings, proposed recommendations and held-back proposals per Airflow task.' });

export type DiagnosisJson = z.infer<typeof DiagnosisJsonSchema>;
export type TaskDiagnosisJson = z.infer<typeof TaskDiagnosisJsonSchema>;
export type FindingProposal = z.infer<typeof FindingProposalSchema>;
