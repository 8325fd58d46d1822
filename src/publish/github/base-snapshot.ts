import { githubRepoFiles, type GitHubRepoFiles } from './repo-files.js';
import type { GitHubClient, RepoId } from './types.js';

/** The head of the base branch at one moment: proposals are computed on it and committed on top of it. */
export interface BaseSnapshot {
  branch: string;
  commit_sha: string;
  tree_sha: string;
  files: GitHubRepoFiles;
}

/** Reads the base branch's head commit and its tree (base ref → base commit → tree). */
export async function readBaseSnapshot(octokit: GitHubClient, repo: RepoId, branch: string): Promise<BaseSnapshot> {
  const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
  const { data: commit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: ref.object.sha });
  return {
    branch,
    commit_sha: commit.sha,
    tree_sha: commit.tree.sha,
    files: githubRepoFiles(octokit, repo, commit.tree.sha),
  };
}
