import { readRepoConfig } from '../config/read-repo-config.js';
import { githubRepoFiles } from '../publish/github/repo-files.js';
import { httpStatus } from '../publish/github/request-error.js';
import type { GitHubClient } from '../publish/github/types.js';
import { listDagIds } from '../dags/list-dag-ids.js';
import { lateBoundClient, type ClientHolder, type RepoState, type SweepCache } from './sweep-cache.js';
import type { SweepTarget } from './types.js';

interface BranchHead {
  commit_sha: string;
  tree_sha: string;
  etag: string | null;
}

/**
 * The repository's base branch, its config and its DAG ids, reading as little as possible: one conditional
 * request for the branch; the tree, the config and the DAG files only when the base tree changed since the last
 * sweep of this process. Null when the repository has no default branch yet (an empty repository).
 */
export async function readRepoState(octokit: GitHubClient, target: SweepTarget, cache?: SweepCache): Promise<RepoState | null> {
  const key = `${target.owner}/${target.repo}`;
  const cached = cache?.get(key);
  const known = cached?.branch === target.default_branch ? cached : undefined;
  const head = await readBranchHead(octokit, target, known?.etag ?? null);
  if (head === 'missing') return null;
  if (known && (head === 'not-modified' || head.tree_sha === known.tree_sha)) {
    known.client.current = octokit;
    const state = head === 'not-modified' ? known : { ...known, commit_sha: head.commit_sha, etag: head.etag };
    cache?.set(key, state);
    return state;
  }
  if (head === 'not-modified') throw new Error('GitHub answered 304 Not Modified to a request that was not conditional.');
  const state = await readState(octokit, target, head);
  cache?.set(key, state);
  return state;
}

async function readState(octokit: GitHubClient, target: SweepTarget, head: BranchHead): Promise<RepoState> {
  const client: ClientHolder = { current: octokit };
  const files = githubRepoFiles(lateBoundClient(client), target, head.tree_sha);
  const config = await readRepoConfig(files);
  const notes = [...(await files.problems())];
  let dagIds: string[] = [];
  if (config.present && config.config.enabled) {
    const found = await listDagIds(files, config.config);
    dagIds = found.ids;
    notes.push(...found.problems);
  }
  return { branch: target.default_branch, ...head, files, config, dag_ids: dagIds, notes, client };
}

async function readBranchHead(
  octokit: GitHubClient,
  target: SweepTarget,
  etag: string | null,
): Promise<BranchHead | 'not-modified' | 'missing'> {
  try {
    const { data, headers } = await octokit.rest.repos.getBranch({
      owner: target.owner,
      repo: target.repo,
      branch: target.default_branch,
      headers: etag ? { 'if-none-match': etag } : {},
    });
    return { commit_sha: data.commit.sha, tree_sha: data.commit.commit.tree.sha, etag: headers.etag ?? null };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 304) return 'not-modified';
    if (status === 404) return 'missing';
    throw error;
  }
}
