import type { RepoConfig } from '../../config/repo-config-types.js';
import { locateDag } from '../../dags/locate.js';
import type { BaseSnapshot } from '../../publish/github/base-snapshot.js';
import { publishProposal } from '../../publish/github/publish-proposal.js';
import type { GitHubClient, PullRequestRef, RepoId } from '../../publish/github/types.js';
import { revertBranchName } from '../../publish/types.js';
import { planRevert, type ChangedSince } from '../plan-revert.js';
import { readRevertOf, revertProposal } from '../revert-proposal.js';
import type { TaskVerification, TuningRecord } from '../types.js';

/**
 * What auto-revert did for a regressed merged PR. `opened`: a revert PR now restores the previous values;
 * `exists`: one was opened earlier (open or closed: never a second); `changed`: a person changed a setting after
 * the merge, so nothing is reverted; `restored`: the file holds the previous values already; `refused`: the
 * rewrite engine cannot restore them safely; `waiting`: another revert PR or someone's commits hold the branch;
 * `off`: `verify.auto_revert: false` (or `dry_run: true`). `sentence` says it for the comment and the dashboard (plain text with
 * `code spans`, escaped where it is shown).
 */
export type RevertOutcome =
  | { kind: 'opened' | 'exists'; pr: PullRequestRef; sentence: string }
  | { kind: 'changed' | 'restored' | 'waiting' | 'off'; sentence: string }
  | { kind: 'refused'; reason: string; sentence: string };

export interface RevertRequest {
  octokit: GitHubClient;
  repo: RepoId;
  config: RepoConfig;
  /** The base branch now (read only when a revert is planned). */
  base: () => Promise<BaseSnapshot>;
  botLogin: () => Promise<string>;
  pr: PullRequestRef;
  record: TuningRecord;
  verifications: TaskVerification[];
}

/**
 * Opens ONE pull request on `spark-tuner/revert-<dag_id>` restoring the previous values of the regressed tasks'
 * settings (DESIGN §10), with the evidence and the `revert-of` marker; an earlier revert PR of the same merged PR
 * (open or closed) means it is never opened again. Never reverts over a person's later change.
 */
export async function revertRegressed(request: RevertRequest): Promise<RevertOutcome> {
  const { octokit, repo, config, pr, record } = request;
  if (!config.verify.auto_revert) {
    return { kind: 'off', sentence: 'Not reverted: `verify.auto_revert` is off; revert it by hand if the regression is real.' };
  }
  const branch = revertBranchName(record.dag_id);
  const { data: reverts } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${branch}`, state: 'all', per_page: 100 });
  const earlier = reverts.find((each) => readRevertOf(each.body) === pr.number);
  if (earlier) return { kind: 'exists', pr: ref(earlier), sentence: `#${earlier.number} restores the previous values (opened earlier; never twice).` };
  const other = reverts.find((each) => each.state === 'open');
  if (other) {
    return { kind: 'waiting', sentence: `Not reverted yet: #${other.number} is open on \`${branch}\`; the revert waits until it is merged or closed.` };
  }
  const regressed = new Set(request.verifications.filter((v) => v.status === 'regressed').map((v) => v.task_id));
  const changes = record.changes.filter((change) => regressed.has(change.task_id));
  const base = await request.base();
  const located = await locateDag(base.files, config.dag_paths, record.dag_id);
  if (located.kind !== 'found') {
    const reason = located.kind === 'ambiguous' ? `DAG ${record.dag_id} is defined in several files` : `DAG ${record.dag_id} is no longer defined under ${config.dag_paths.join(', ')}`;
    return refused(reason, config.dashboard);
  }
  const plan = await planRevert(located.content, located.path, record.dag_id, changes);
  if (plan.kind === 'refused') return refused(plan.reason, config.dashboard);
  if (plan.kind === 'restored') return { kind: 'restored', sentence: `Not reverted: \`${located.path}\` already holds the previous values.` };
  if (plan.kind === 'changed') return { kind: 'changed', sentence: changedSentence(plan.changed, located.path) };
  if (config.dry_run) return { kind: 'off', sentence: `Not reverted: \`dry_run\` is on; it would open a pull request restoring the previous values in \`${located.path}\`.` };
  const evidence = request.verifications.filter((v) => regressed.has(v.task_id));
  const proposal = revertProposal({
    dag_id: record.dag_id,
    file_path: located.path,
    old_content: located.content,
    new_content: plan.content,
    edits: plan.edits,
    pr,
    evidence,
    labels: config.labels,
  });
  const outcome = await publishProposal(octokit, repo, proposal, { base, botLogin: request.botLogin, reviewers: config.reviewers, branch });
  if (outcome.kind === 'opened') return { kind: 'opened', pr: outcome.pr, sentence: `Opened #${outcome.pr.number} to restore the previous values.` };
  if (outcome.kind === 'blocked') return { kind: 'waiting', sentence: `Not reverted yet: ${outcome.reason}.` };
  return { kind: 'exists', pr: outcome.pr, sentence: `#${outcome.pr.number} restores the previous values (opened earlier; never twice).` };
}

/** Why nothing is reverted when a person changed a setting after the merge. */
function changedSentence(changed: ChangedSince[], path: string): string {
  const what = changed
    .map(({ change, current }) => `\`${change.key}\` of task \`${change.task_id}\` is ${current === null ? 'no longer set' : `now \`${current}\``}, not the \`${change.new_value}\` this change set`)
    .join('; ');
  return `Not reverted: in \`${path}\`, ${what}. Someone changed it after the merge, and spark-tuner never reverts over a person's change.`;
}

function refused(reason: string, dashboard: boolean): RevertOutcome {
  const where = dashboard ? '; it is listed on the dashboard' : '';
  return { kind: 'refused', reason, sentence: `Not reverted: the revert edit was refused (${reason})${where}.` };
}

function ref(pr: { number: number; html_url: string }): PullRequestRef {
  return { number: pr.number, url: pr.html_url };
}
