import type { ProbotOctokit } from 'probot';

/** The part of an authenticated Octokit (Probot's installation client) the publisher uses. */
export type GitHubClient = Pick<ProbotOctokit, 'rest' | 'graphql'>;

/** A repository on GitHub. */
export interface RepoId {
  owner: string;
  repo: string;
}

/** A pull request, as replies and logs name it. */
export interface PullRequestRef {
  number: number;
  url: string;
}

/**
 * What publishing a proposal did. `opened`/`updated`: the PR now shows the proposal; `unchanged`: the branch
 * already had it (only the description was refreshed); `ignored`: a PR with this fingerprint was closed unmerged;
 * `blocked`: the branch has someone else's commits and was left alone. `reason`: one line for the user.
 */
export type PublishOutcome =
  | { kind: 'opened'; pr: PullRequestRef; reason: string; /** e.g. reviewers GitHub refused. */ notes: string[] }
  | { kind: 'updated' | 'unchanged'; pr: PullRequestRef; reason: string }
  | { kind: 'ignored'; pr: PullRequestRef; reason: string }
  | { kind: 'blocked'; pr: PullRequestRef | null; reason: string };
