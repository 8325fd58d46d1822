import type { RepoFiles } from '../../dags/types.js';
import { prefetchBlobTexts } from './prefetch-blobs.js';
import type { GitHubClient, RepoId } from './types.js';

/**
 * Larger files are left to `read` (one REST blob call each) rather than batched over GraphQL. Blobs are read over
 * the git blobs API, which serves files up to 100 MB (the contents API gives no content above 1 MB); callers refuse
 * DAG files above `max_dag_file_mb` by their listed `size` before reading them.
 */
export const PREFETCH_MAX_BYTES = 1024 * 1024;

/** From this many files on, `prefetch` reads them in GraphQL batches rather than one REST call each. */
export const PREFETCH_MIN_FILES = 20;

/** `RepoFiles` over one git tree on GitHub, with what a caller needs to commit on top of it. */
export interface GitHubRepoFiles extends RepoFiles {
  prefetch(paths: string[]): Promise<void>;
  /** The tree entry's mode (`100644`, `100755`), or null when the path is not a file of the tree. */
  mode(path: string): Promise<string | null>;
  size(path: string): Promise<number | null>;
  /** Plain-language problems of the listing, e.g. a tree too large for GitHub to list completely. */
  problems(): Promise<string[]>;
}

interface BlobEntry {
  sha: string;
  mode: string;
  size: number;
}

interface Listing {
  files: Map<string, BlobEntry>;
  problems: string[];
}

/** Lists a tree with one recursive `git.getTree` call and fetches blobs on demand (each once). */
export function githubRepoFiles(octokit: GitHubClient, repo: RepoId, treeSha: string): GitHubRepoFiles {
  let listing: Promise<Listing> | null = null;
  const blobs = new Map<string, Promise<string>>();

  function load(): Promise<Listing> {
    listing ??= listTree(octokit, repo, treeSha);
    return listing;
  }

  async function read(path: string): Promise<string> {
    const entry = (await load()).files.get(path);
    if (!entry) throw new Error(`${path} is not in the repository.`);
    let blob = blobs.get(path);
    if (!blob) {
      blob = readBlob(octokit, repo, entry.sha);
      blobs.set(path, blob);
    }
    return blob;
  }

  /** Many files at once: GraphQL batches; what they leave out is read over REST on demand. */
  async function prefetch(paths: string[]): Promise<void> {
    const { files } = await load();
    const wanted = paths.flatMap((path) => {
      const entry = files.get(path);
      return entry && entry.size <= PREFETCH_MAX_BYTES && !blobs.has(path) ? [{ path, sha: entry.sha }] : [];
    });
    if (wanted.length < PREFETCH_MIN_FILES) return;
    let texts: Map<string, string>;
    try {
      texts = await prefetchBlobTexts(octokit, repo, wanted.map((file) => file.sha));
    } catch {
      return; // GraphQL unavailable (e.g. an old GitHub Enterprise): `read` falls back to one REST call per file
    }
    for (const { path, sha } of wanted) {
      const text = texts.get(sha);
      if (text !== undefined) blobs.set(path, Promise.resolve(text));
    }
  }

  return {
    list: async () => [...(await load()).files.keys()],
    read,
    prefetch,
    mode: async (path) => (await load()).files.get(path)?.mode ?? null,
    size: async (path) => (await load()).files.get(path)?.size ?? null,
    problems: async () => (await load()).problems,
  };
}

async function listTree(octokit: GitHubClient, repo: RepoId, treeSha: string): Promise<Listing> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: treeSha, recursive: 'true' });
  const files = new Map<string, BlobEntry>();
  for (const entry of data.tree) {
    if (entry.type !== 'blob' || !entry.path || !entry.sha || !entry.mode) continue;
    files.set(entry.path, { sha: entry.sha, mode: entry.mode, size: entry.size ?? 0 });
  }
  const problems = data.truncated
    ? [`The file list of ${repo.owner}/${repo.repo} is too large for GitHub to return in full; some DAG files may have been missed.`]
    : [];
  return { files, problems };
}

async function readBlob(octokit: GitHubClient, repo: RepoId, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ ...repo, file_sha: sha });
  const encoding = data.encoding === 'base64' ? 'base64' : 'utf8';
  return Buffer.from(data.content, encoding).toString('utf8');
}
