import type { RepoConfig } from '../../config/repo-config-types.js';
import { branchName, type Proposal } from '../types.js';
import type { BaseSnapshot } from './base-snapshot.js';
import { ensureLabels } from './ensure-labels.js';
import { findPullRequests } from './find-pull-requests.js';
import { withFingerprint } from './fingerprint-marker.js';
import { pushProposalBranch } from './push-branch.js';
import { requestReviewers } from './request-reviewers.js';
import type { GitHubClient, PublishOutcome, PullRequestRef, RepoId } from './types.js';

export interface PublishOptions {
  /** The base branch as the proposal was computed on it. */
  base: BaseSnapshot;
  /** The app's own login (`<slug>[bot]`); see `createBotLogin`. */
  botLogin: () => Promise<string>;
  /** `reviewers:` of the repository config, asked to review a new PR; none are asked when absent. */
  reviewers?: RepoConfig['reviewers'];
  /**
   * True (the default): a PR with the same fingerprint closed unmerged stops the proposal. False when the
   * dashboard's ignore record decides instead (so that un-ignoring there lets the proposal through).
   */
  respectDeclined?: boolean;
  /** The branch to publish on; `spark-tuner/<dag_id>` when absent (a revert uses `revertBranchName`). */
  branch?: string;
}

/**
 * Opens or updates the one pull request of a proposal, never a duplicate: an open PR for the branch is updated,
 * a PR with the same fingerprint closed unmerged means the proposal was declined, a branch with someone else's
 * commits is left alone.
 */
export async function publishProposal(
  octokit: GitHubClient,
  repo: RepoId,
  proposal: Proposal,
  options: PublishOptions,
): Promise<PublishOutcome> {
  const branch = options.branch ?? branchName(proposal.dag_id);
  const prs = await findPullRequests(octokit, repo, branch, proposal.fingerprint);
  if (prs.open === null && prs.declined !== null && options.respectDeclined !== false) {
    const { number } = prs.declined;
    return { kind: 'ignored', pr: prs.declined, reason: `ignored: #${number} was closed without merging; reopen it to apply` };
  }
  const pushed = await pushProposalBranch(octokit, repo, { ...options, proposal, branch });
  if (pushed.kind === 'blocked') return { kind: 'blocked', pr: prs.open, reason: pushed.reason };
  const body = withFingerprint(proposal.body, proposal.fingerprint);
  if (prs.open !== null) {
    await octokit.rest.pulls.update({ ...repo, pull_number: prs.open.number, title: proposal.title, body });
    const unchanged = pushed.kind === 'unchanged';
    const reason = unchanged
      ? `#${prs.open.number} already proposes this change; its description was refreshed`
      : `#${prs.open.number} was updated on the current \`${options.base.branch}\``;
    return { kind: unchanged ? 'unchanged' : 'updated', pr: prs.open, reason };
  }
  const pr = await openPullRequest(octokit, repo, proposal, { head: branch, base: options.base.branch, body });
  const notes =
    options.reviewers === undefined
      ? []
      : await requestReviewers(octokit, repo, {
          pull_number: pr.number,
          file_path: proposal.file_path,
          reviewers: options.reviewers,
          files: options.base.files,
          author: options.botLogin,
        });
  return { kind: 'opened', pr, reason: `opened #${pr.number}`, notes };
}

async function openPullRequest(
  octokit: GitHubClient,
  repo: RepoId,
  proposal: Proposal,
  target: { head: string; base: string; body: string },
): Promise<PullRequestRef> {
  const { data } = await octokit.rest.pulls.create({
    ...repo,
    ...target,
    title: proposal.title,
    maintainer_can_modify: true,
  });
  if (proposal.labels.length > 0) {
    // Colors and descriptions are a nicety: adding a label creates a missing one anyway.
    await ensureLabels(octokit, repo, proposal.labels).catch(() => undefined);
    await octokit.rest.issues.addLabels({ ...repo, issue_number: data.number, labels: proposal.labels });
  }
  return { number: data.number, url: data.html_url };
}
