import { isUnderDagPaths } from './dag-paths.js';
import { inspectDagFile } from './inspect-dag-file.js';
import { MAX_DAG_FILE_BYTES } from './size-limit.js';
import type { RepoFiles } from './types.js';

const DAG_FILE = /\.(py|ya?ml)$/i;

/**
 * The ids of every DAG the repository's files under `dagPaths` define (parsed, never run), sorted: what a
 * metrics query for this repository may ask for. Files that cannot be read or parsed are skipped.
 */
export async function definedDagIds(repo: RepoFiles, dagPaths: string[]): Promise<string[]> {
  const paths = (await repo.list()).filter((path) => DAG_FILE.test(path) && isUnderDagPaths(path, dagPaths)).sort();
  await repo.prefetch?.(paths);
  const ids = new Set<string>();
  for (const path of paths) {
    const content = await repo.read(path).catch(() => null);
    if (content === null || Buffer.byteLength(content, 'utf8') > MAX_DAG_FILE_BYTES) continue;
    const info = await inspectDagFile(content, path);
    if (info.kind === 'parsed') for (const dag of info.dags) ids.add(dag.dag_id);
  }
  return [...ids].sort();
}
