import { readFingerprint } from './fingerprint-marker.js';
import type { GitHubClient, PullRequestRef, RepoId } from './types.js';

/** The pull requests a branch already has that decide what publishing does. */
export interface BranchPullRequests {
  /** The open PR from the branch, to update instead of opening another. */
  open: PullRequestRef | null;
  /** A PR closed without merging that carried the same fingerprint: the proposal was declined. */
  declined: PullRequestRef | null;
}

/** Looks up every PR (open and closed) whose head is `owner:branch`. */
export async function findPullRequests(
  octokit: GitHubClient,
  repo: RepoId,
  branch: string,
  fingerprint: string,
): Promise<BranchPullRequests> {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state: 'all',
    per_page: 100,
  });
  const open = data.find((pr) => pr.state === 'open');
  const declined = data.find(
    (pr) => pr.state === 'closed' && pr.merged_at === null && readFingerprint(pr.body) === fingerprint,
  );
  return { open: open ? toRef(open) : null, declined: declined ? toRef(declined) : null };
}

function toRef(pr: { number: number; html_url: string }): PullRequestRef {
  return { number: pr.number, url: pr.html_url };
}
