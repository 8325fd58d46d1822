import { isSelected } from '../config/id-glob.js';
import type { RepoConfig } from '../config/repo-config-types.js';
import { isUnderDagPaths } from './dag-paths.js';
import { inspectDagFile } from './inspect-dag-file.js';
import { listedTooLarge, maxFileBytes, tooLarge } from './size-limit.js';
import type { RepoFiles } from './types.js';

const DAG_FILE = /\.(py|ya?ml)$/i;

export interface DagIds {
  /** The DAG ids the files define, selected by `include`/`exclude`, sorted, each once. */
  ids: string[];
  /** One sentence per file that could not be read or parsed. */
  problems: string[];
}

/** Every DAG id defined by the files under `dag_paths` (parsed, never run), as the config selects them. */
export async function listDagIds(
  files: RepoFiles, config: Pick<RepoConfig, 'dag_paths' | 'include' | 'exclude'> & Partial<Pick<RepoConfig, 'max_dag_file_mb'>>,
): Promise<DagIds> {
  const paths = (await files.list()).filter((path) => DAG_FILE.test(path) && isUnderDagPaths(path, config.dag_paths)).sort();
  await files.prefetch?.(paths);
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const path of paths) {
    const found = await idsIn(files, path, maxFileBytes(config.max_dag_file_mb));
    if (typeof found === 'string') problems.push(found);
    else for (const id of found) ids.add(id);
  }
  const selected = [...ids].filter((id) => isSelected(id, config.include, config.exclude)).sort();
  return { ids: selected, problems };
}

async function idsIn(files: RepoFiles, path: string, limit: number): Promise<string[] | string> {
  const listed = await listedTooLarge(files, path, limit);
  if (listed) return `${path} ${listed}; skipped.`;
  let content: string;
  try {
    content = await files.read(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `${path} could not be read (${reason}).`;
  }
  const large = tooLarge(content, limit);
  if (large) return `${path} ${large}; skipped.`;
  if (path.endsWith('.py') && !/\bdag\b/i.test(content)) return []; // no `DAG`/`@dag`: not a DAG file
  const info = await inspectDagFile(content, path);
  if (info.kind === 'syntax-error') return `${path} does not parse (syntax error at line ${info.line}) and was skipped.`;
  return info.dags.map((dag) => dag.dag_id);
}
