import type { RepoConfig } from '../config/repo-config-types.js';
import type { RepoFiles } from '../dags/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { Narrator } from '../narrate/types.js';
import { planProposal } from '../pipeline/plan-proposal.js';
import { commitToBranch } from '../publish/local/commit-to-branch.js';
import { saveProposalBody } from '../publish/local/save-body.js';
import type { CliIo } from './io.js';

export interface LocalTuneRequest {
  dagId: string;
  repoDir: string;
  repo: RepoFiles;
  summaries: ApplicationSummary[];
  /** Where the summaries came from, as the evidence names it. */
  metricSource: 'eventlogs' | 'athena';
  config: RepoConfig;
  until: number;
  lookbackDays: number;
  minRuns: number;
  dryRun: boolean;
  /** Several DAGs: put a header line before each PR body on stdout. */
  separator: boolean;
  /** Writes the five sections (`--narrator`); the deterministic narrator when absent. */
  narrator?: Narrator;
  io: CliIo;
}

/** How one DAG ended: a commit (or dry-run output), nothing to do, a safe refusal, or a failure. */
export type LocalTuneOutcome = 'proposed' | 'no-change' | 'refused' | 'failed';

/** Plans one DAG and commits it on its branch (or, dry run, prints the body and the diff). */
export async function tuneLocalDag(request: LocalTuneRequest): Promise<LocalTuneOutcome> {
  const { io, dagId } = request;
  const plan = await planProposal({
    dag_id: dagId,
    task_id: null,
    summaries: request.summaries,
    repo: request.repo,
    dag_paths: request.config.dag_paths,
    metric_source: request.metricSource,
    until: request.until,
    lookback_days: request.lookbackDays,
    min_runs: request.minRuns,
    rules: request.config.rules,
    labels: request.config.labels,
    prices: request.config.prices,
    node_memory_mb: request.config.node_memory_mb,
    ignore: request.config.ignore,
    max_dag_file_mb: request.config.max_dag_file_mb,
    ...(request.narrator ? { narrator: request.narrator } : {}),
  });
  if (plan.kind === 'not-found') {
    io.stderr(`${dagId}: ${plan.message}\n`);
    return 'failed';
  }
  if (plan.kind === 'no-change') {
    io.stderr(`${dagId}: ${plan.message}\n`);
    return 'no-change';
  }
  if (plan.kind === 'refused') {
    io.stderr(`${dagId}: refused: ${plan.reason}\n`);
    return 'refused';
  }
  const { proposal } = plan;
  if (request.separator) io.stdout(`\n<!-- ===== spark-tuner/${dagId}: ${proposal.title} ===== -->\n`);
  if (request.dryRun) {
    io.stdout(`# ${proposal.title}\n\n${proposal.body}\n${proposal.diff}`);
    io.stderr(`${dagId}: dry run, nothing was committed.\n`);
    return 'proposed';
  }
  const result = await commitToBranch(request.repoDir, proposal);
  if (result.status === 'blocked') {
    io.stderr(`${dagId}: not committed: ${result.reason}\n`);
    return 'refused';
  }
  const bodyPath = await saveProposalBody(request.repoDir, proposal);
  io.stdout(`# ${proposal.title}\n\n${proposal.body}`);
  const verb = { created: 'Committed', updated: 'Regenerated', unchanged: 'Already up to date:' }[result.status];
  io.stderr(
    `${dagId}: ${verb} branch ${result.branch} at ${result.commit.slice(0, 12)} on ${result.base.slice(0, 12)} ` +
      `(${proposal.file_path}); PR body saved to ${bodyPath}.\n`,
  );
  return 'proposed';
}
