import type { RepoConfigResult } from '../config/repo-config-types.js';
import type { GitHubRepoFiles } from '../publish/github/repo-files.js';
import type { GitHubClient } from '../publish/github/types.js';
import type { MergedPrOutcome } from '../verify/github/verify-merged.js';

/** What a repository's base branch held at one commit: its files, its config and the DAG ids its files define. */
export interface RepoState {
  branch: string;
  commit_sha: string;
  tree_sha: string;
  /** The branch response's ETag: the next sweep asks "changed since?" and a 304 costs no rate limit. */
  etag: string | null;
  files: GitHubRepoFiles;
  config: RepoConfigResult;
  dag_ids: string[];
  /** Problems found while listing the DAG ids (files that do not parse, a file list cut short). */
  notes: string[];
  /**
   * The last verification of merged PRs at `commit_sha`, kept only when every verdict was final: a merge moves the
   * branch, so until it moves there is nothing new to verify and the sweep makes no call for it.
   */
  verified?: { commit_sha: string; outcomes: MergedPrOutcome[] };
  /** The client the cached files read through: switched to the current installation token on every sweep. */
  client: ClientHolder;
}

/** A late-bound GitHub client: cached files keep reading with the newest installation token. */
export interface ClientHolder {
  current: GitHubClient;
}

/**
 * The state of repositories between sweeps of one process (the app keeps nothing on disk). One entry per
 * repository, replaced when its base tree changes, so memory grows with the number of repositories only.
 */
export interface SweepCache {
  get(repoKey: string): RepoState | undefined;
  set(repoKey: string, state: RepoState): void;
}

export function createSweepCache(): SweepCache {
  const states = new Map<string, RepoState>();
  return {
    get: (key) => states.get(key),
    set: (key, state) => void states.set(key, state),
  };
}

/** A `GitHubClient` that forwards to `holder.current`, whichever client that is at the time of the call. */
export function lateBoundClient(holder: ClientHolder): GitHubClient {
  return {
    get rest() {
      return holder.current.rest;
    },
    get graphql() {
      return holder.current.graphql;
    },
  };
}
