import type { RepoConfig } from '../../config/repo-config-types.js';
import type { RepoFiles } from '../../dags/types.js';
import { ownersOf, readCodeowners, type Owners } from './codeowners.js';
import { httpStatus } from './request-error.js';
import type { GitHubClient, RepoId } from './types.js';

export interface ReviewerRequest {
  pull_number: number;
  /** The DAG file the PR edits (its CODEOWNERS owners review it). */
  file_path: string;
  /** `reviewers:` of the repository config: `codeowners` or a list of users and `org/team`s. */
  reviewers: RepoConfig['reviewers'];
  files: RepoFiles;
  /** Never requested: the PR's author (the app's login), looked up only when there are users to ask. */
  author: () => Promise<string>;
}

/**
 * Asks the DAG file's owners (or the configured reviewers) to review the PR. Returns plain-language problems;
 * a reviewer GitHub refuses (422: not a collaborator, unknown team) is reported, never fatal.
 */
export async function requestReviewers(octokit: GitHubClient, repo: RepoId, request: ReviewerRequest): Promise<string[]> {
  const owners = await chooseReviewers(request);
  const author = owners.users.length > 0 ? (await request.author()).toLowerCase() : '';
  const users = owners.users.filter((user) => user.toLowerCase() !== author);
  if (users.length === 0 && owners.teams.length === 0) return [];
  const params = { ...repo, pull_number: request.pull_number };
  if (await tryRequest(octokit, { ...params, reviewers: users, team_reviewers: owners.teams })) return [];
  // One refused name fails the whole request: ask for each alone, so the others still get asked.
  const refused: string[] = [];
  for (const user of users) if (!(await tryRequest(octokit, { ...params, reviewers: [user] }))) refused.push(`\`@${user}\``);
  for (const team of owners.teams) if (!(await tryRequest(octokit, { ...params, team_reviewers: [team] }))) refused.push(`team ${team}`);
  if (refused.length === 0) return [];
  return [`GitHub would not request a review from ${refused.join(', ')} (each must be a collaborator with access to the repository).`];
}

type RequestParams = Parameters<GitHubClient['rest']['pulls']['requestReviewers']>[0];

/** False when GitHub refuses the reviewers (422); other errors are thrown. */
async function tryRequest(octokit: GitHubClient, params: RequestParams): Promise<boolean> {
  try {
    await octokit.rest.pulls.requestReviewers(params);
    return true;
  } catch (error) {
    if (httpStatus(error) === 422) return false;
    throw error;
  }
}

async function chooseReviewers(request: ReviewerRequest): Promise<Owners> {
  if (request.reviewers !== 'codeowners') return fromList(request.reviewers);
  const codeowners = await readCodeowners(request.files);
  return codeowners === null ? { users: [], teams: [] } : ownersOf(codeowners, request.file_path);
}

/** `user` or `org/team` (a leading `@` is allowed). */
function fromList(list: string[]): Owners {
  const users: string[] = [];
  const teams: string[] = [];
  for (const entry of list.map((item) => item.replace(/^@/, ''))) {
    const slash = entry.indexOf('/');
    if (slash === -1) users.push(entry);
    else teams.push(entry.slice(slash + 1));
  }
  return { users, teams };
}
