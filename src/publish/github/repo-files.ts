import type { RepoFiles } from '../../dags/types.js';
import { prefetchBlobTexts } from './prefetch-blobs.js';
import type { GitHubClient, RepoId } from './types.js';

/** Files larger than this are not read (GitHub's limit for file contents over the REST API). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** From this many files on, `prefetch` reads them in GraphQL batches rather than one REST call each. */
export const PREFETCH_MIN_FILES = 20;

/** `RepoFiles` over one git tree on GitHub, with what a caller needs to commit on top of it. */
export interface GitHubRepoFiles extends RepoFiles {
  prefetch(paths: string[]): Promise<void>;
  /** The tree entry's mode (`100644`, `100755`), or null when the path is not a file of the tree. */
  mode(path: string): Promise<string | null>;
  /** Paths left out because they are larger than `MAX_FILE_BYTES`. */
  skipped(): Promise<string[]>;
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
  skipped: string[];
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
    const { files, skipped } = await load();
    const entry = files.get(path);
    if (!entry) {
      const why = skipped.includes(path) ? 'is larger than 1 MB and was skipped' : 'is not in the repository';
      throw new Error(`${path} ${why}.`);
    }
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
      return entry && !blobs.has(path) ? [{ path, sha: entry.sha }] : [];
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
    skipped: async () => (await load()).skipped,
    problems: async () => (await load()).problems,
  };
}

async function listTree(octokit: GitHubClient, repo: RepoId, treeSha: string): Promise<Listing> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: treeSha, recursive: 'true' });
  const files = new Map<string, BlobEntry>();
  const skipped: string[] = [];
  for (const entry of data.tree) {
    if (entry.type !== 'blob' || !entry.path || !entry.sha || !entry.mode) continue;
    if ((entry.size ?? 0) > MAX_FILE_BYTES) {
      skipped.push(entry.path);
      continue;
    }
    files.set(entry.path, { sha: entry.sha, mode: entry.mode, size: entry.size ?? 0 });
  }
  const problems = data.truncated
    ? [`The file list of ${repo.owner}/${repo.repo} is too large for GitHub to return in full; some DAG files may have been missed.`]
    : [];
  return { files, skipped, problems };
}

async function readBlob(octokit: GitHubClient, repo: RepoId, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ ...repo, file_sha: sha });
  const encoding = data.encoding === 'base64' ? 'base64' : 'utf8';
  return Buffer.from(data.content, encoding).toString('utf8');
}
