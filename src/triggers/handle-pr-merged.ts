import type { Context } from 'probot';
import { readConfigFile } from '../config/read-config-file.js';
import { readSection, replaceSection } from '../dashboard/body-markers.js';
import { findDashboard } from '../dashboard/find-dashboard.js';
import { renderDashboard } from '../dashboard/render-dashboard.js';
import { createDashboard, writeIfChanged } from '../dashboard/sync-dashboard.js';
import { emptyDashboard } from '../dashboard/types.js';
import { VERIFICATION_SECTION, withVerificationLine } from '../dashboard/verification-section.js';
import type { RepoConfig } from '../config/repo-config-types.js';
import { readRecord, type ReadRecord } from '../verify/record-marker.js';
import { tuningBranchDag } from './tuning-branch.js';
import type { CommandDeps } from './types.js';

type MergedContext = Context<'pull_request.closed'>;


/**
 * `pull_request.closed`, merged: the app's tuning PR (branch `spark-tuner/*`, not a revert) is noted at once on the
 * dashboard's verification section (DESIGN §10: "not enough runs yet: say so on the dashboard, do nothing else").
 * The PR's body is the record; each sweep (the fallback when this event is missed) verifies it.
 */
export async function handlePullRequestMerged(context: MergedContext, deps: Pick<CommandDeps, 'queue' | 'botLogin'>): Promise<void> {
  const pr = context.payload.pull_request;
  const dagId = tuningBranchDag(pr.head.ref);
  if (!pr.merged || dagId === null) return;
  if (pr.user?.login !== (await deps.botLogin())) return;
  const repo = context.repo();
  deps.queue.enqueue(`${repo.owner}/${repo.repo}#dashboard`, () => noteMerge(context, dagId, deps));
}

async function noteMerge(context: MergedContext, dagId: string, deps: Pick<CommandDeps, 'botLogin'>): Promise<void> {
  const pr = context.payload.pull_request;
  const repo = context.repo();
  const { config, problems } = await readConfigFile(context.octokit, repo);
  if (!config.verify.enabled || !config.dashboard) return;
  const read = readRecord(pr.body);
  const item = { pr_number: pr.number, dag_id: read.kind === 'record' ? read.record.dag_id : dagId, outcome: mergeNote(read, config) };
  const dashboard = await findDashboard(context.octokit, repo, await deps.botLogin());
  if (dashboard?.state === 'closed') return;
  if (dashboard === null) {
    await createDashboard(context.octokit, repo, renderDashboard({ ...emptyDashboard(), verification: [item], config_problems: problems }, []));
    return;
  }
  const section = readSection(dashboard.body, VERIFICATION_SECTION);
  // A dashboard written before the section had its markers: the next sweep writes it whole.
  if (section === null) return;
  const body = replaceSection(dashboard.body, VERIFICATION_SECTION, withVerificationLine(section, item));
  const outcome = await writeIfChanged(context.octokit, repo, dashboard, body);
  context.log.info({ pr: pr.number, dashboard: outcome.kind }, 'spark-tuner noted a merged tuning on the dashboard');
}

/** What the dashboard says of a tuning just merged. */
function mergeNote(read: ReadRecord, config: RepoConfig): string {
  if (read.kind !== 'record') return read.kind === 'skipped' ? read.note : 'it has no spark-tuner record; it is not verified.';
  const runs = config.verify.min_runs;
  return `merged; waiting for ${runs} successful run${runs === 1 ? '' : 's'} with the new values, which each sweep compares with the evidence (\`/spark-tune verify ${read.record.dag_id}\` checks at once).`;
}
