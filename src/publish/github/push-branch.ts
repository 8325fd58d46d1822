import { branchName, type Proposal } from '../types.js';
import type { BaseSnapshot } from './base-snapshot.js';
import { commitProposal } from './commit-proposal.js';
import { gitBlobSha } from './git-blob-sha.js';
import { isNotFound } from './request-error.js';
import type { GitHubClient, RepoId } from './types.js';

/** What happened to the proposal's branch. */
export type BranchResult =
  /** The branch now points at a new commit with the proposal on the current base. */
  | { kind: 'created' | 'updated'; branch: string; sha: string }
  /** The branch already has exactly this change on the current base: nothing was written. */
  | { kind: 'unchanged'; branch: string; sha: string }
  /** The branch has commits by someone other than the app: it was left alone. */
  | { kind: 'blocked'; branch: string; reason: string };

export interface PushOptions {
  base: BaseSnapshot;
  proposal: Proposal;
  /** The app's own login (`<slug>[bot]`), looked up only when the branch already exists. */
  botLogin: () => Promise<string>;
  /** The branch; `spark-tuner/<dag_id>` when absent. */
  branch?: string;
}

type Comparison = Awaited<ReturnType<GitHubClient['rest']['repos']['compareCommits']>>['data'];

/**
 * Puts the proposal on its branch (`spark-tuner/<dag_id>` by default) as Renovate does: a fresh commit on the base, then create the ref,
 * or force-move it only while every commit on the branch since the base is the app's.
 */
export async function pushProposalBranch(octokit: GitHubClient, repo: RepoId, options: PushOptions): Promise<BranchResult> {
  const { base, proposal } = options;
  const branch = options.branch ?? branchName(proposal.dag_id);
  const head = await branchHead(octokit, repo, branch);
  if (head === null) {
    const sha = await commitProposal(octokit, repo, base, proposal);
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    return { kind: 'created', branch, sha };
  }
  const { data: comparison } = await octokit.rest.repos.compareCommits({ ...repo, base: base.commit_sha, head });
  const others = foreignAuthors(comparison, await options.botLogin());
  if (others.length > 0) {
    const reason = `branch \`${branch}\` has commits by ${others.join(', ')}`;
    return { kind: 'blocked', branch, reason };
  }
  if (hasExactly(comparison, proposal)) return { kind: 'unchanged', branch, sha: head };
  const sha = await commitProposal(octokit, repo, base, proposal);
  await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
  return { kind: 'updated', branch, sha };
}

async function branchHead(octokit: GitHubClient, repo: RepoId, branch: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Who, other than the app, authored commits on the branch since the base (logins as code: no notifications). */
function foreignAuthors(comparison: Comparison, botLogin: string): string[] {
  if (comparison.commits.length < comparison.ahead_by) return ['authors it cannot check (too many commits)'];
  const authors = comparison.commits
    .filter((commit) => commit.author?.login !== botLogin)
    .map((commit) => (commit.author?.login ? `\`${commit.author.login}\`` : 'someone without a GitHub account'));
  return [...new Set(authors)];
}

/** True when the branch is the base plus exactly the proposed file content. */
function hasExactly(comparison: Comparison, proposal: Proposal): boolean {
  const files = comparison.files ?? [];
  return (
    comparison.behind_by === 0 &&
    files.length === 1 &&
    files[0]?.filename === proposal.file_path &&
    files[0].sha === gitBlobSha(proposal.new_content)
  );
}
