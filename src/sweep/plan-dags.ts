import type { RepoConfig } from '../config/repo-config-types.js';
import type { RepoFiles } from '../dags/types.js';
import type { TaskDiagnosis } from '../diagnose/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { Planner } from '../pipeline/types.js';
import { errorSentence } from './error-sentence.js';
import type { RankedInput } from './rank-proposals.js';
import type { DagFailure, HeldProposal, NeedsPerson, SweepLog } from './types.js';
import { configPlanFields } from '../pipeline/config-plan-fields.js';

export interface PlanDagsInput {
  dag_ids: string[];
  /** The repository's summaries: one metrics query for all its DAG ids. */
  summaries: ApplicationSummary[];
  files: RepoFiles;
  config: RepoConfig;
  planner: Planner;
  metric_source: string;
  until: number;
  log: SweepLog;
}

export interface PlannedDags {
  proposals: RankedInput[];
  refused: HeldProposal[];
  needs_person: NeedsPerson[];
  failures: DagFailure[];
  /** DAG ids with at least one run in the window (only those are planned). */
  with_runs: number;
}

/** Plans every DAG that has runs, one at a time; a DAG that fails is reported and the others go on. */
export async function planDags(input: PlanDagsInput): Promise<PlannedDags> {
  const byDag = groupByDag(input.summaries);
  const planned: PlannedDags = { proposals: [], refused: [], needs_person: [], failures: [], with_runs: 0 };
  for (const dagId of input.dag_ids) {
    const summaries = byDag.get(dagId);
    if (!summaries) continue;
    planned.with_runs += 1;
    try {
      await planOne(input, dagId, summaries, planned);
    } catch (error) {
      input.log.error({ err: error, dag: dagId }, 'spark-tuner sweep could not plan a DAG');
      planned.failures.push({ dag_id: dagId, reason: `planning failed: ${errorSentence(error)}` });
    }
  }
  return planned;
}

async function planOne(input: PlanDagsInput, dagId: string, summaries: ApplicationSummary[], planned: PlannedDags): Promise<void> {
  const { config } = input;
  const result = await input.planner({
    dag_id: dagId,
    task_id: null,
    summaries,
    repo: input.files,
    ...configPlanFields(config),
    metric_source: input.metric_source,
    until: input.until,
  });
  switch (result.kind) {
    case 'proposal':
      planned.proposals.push({ proposal: result.proposal, diagnoses: result.diagnoses });
      break;
    case 'refused':
      planned.refused.push({ dag_id: dagId, title: `Tune ${dagId}`, reason: result.reason, pr: null });
      break;
    case 'not-found':
      planned.failures.push({ dag_id: dagId, reason: result.message });
      return;
    case 'no-change':
      break;
  }
  planned.needs_person.push(...needsPerson(result.diagnoses));
}

function needsPerson(diagnoses: TaskDiagnosis[]): NeedsPerson[] {
  return diagnoses.flatMap((d) =>
    d.findings.filter((f) => f.needs_human).map((f) => ({ dag_id: d.dag_id, task_id: d.task_id, title: f.title })),
  );
}

function groupByDag(summaries: ApplicationSummary[]): Map<string, ApplicationSummary[]> {
  const byDag = new Map<string, ApplicationSummary[]>();
  for (const summary of summaries) {
    if (!summary.dag_id) continue;
    const list = byDag.get(summary.dag_id) ?? [];
    list.push(summary);
    byDag.set(summary.dag_id, list);
  }
  return byDag;
}
