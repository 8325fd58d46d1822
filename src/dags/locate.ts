import { isUnderDagPaths } from './dag-paths.js';
import { inspectDagFile } from './inspect-dag-file.js';
import { listedTooLarge, tooLarge } from './size-limit.js';
import type { LocateResult, RepoFiles } from './types.js';

/** Options of `locateDag`. */
export interface LocateOptions {
  /** Larger files are skipped without being parsed (default `MAX_DAG_FILE_BYTES`, 5 MB). */
  maxFileBytes?: number;
}
const PARALLEL_READS = 8;

type Candidate =
  | { kind: 'defines'; path: string; content: string; task_ids: string[] }
  | { kind: 'problem'; message: string }
  | { kind: 'absent' };

/** Python DAG files and dag-factory YAML configs. */
const DAG_FILE = /\.(py|ya?ml)$/i;

/**
 * Finds the one file under the DAG paths that defines `dagId`: Python files (parsed, never run) and dag-factory
 * YAML configs. Files that do not parse are reported as problems when nothing is found; a DAG defined in two
 * files is ambiguous.
 */
export async function locateDag(
  repo: RepoFiles, dagPaths: string[], dagId: string, options: LocateOptions = {},
): Promise<LocateResult> {
  const paths = (await repo.list()).filter((path) => DAG_FILE.test(path) && isUnderDagPaths(path, dagPaths)).sort();
  await repo.prefetch?.(paths);
  const candidates: Candidate[] = [];
  for (let index = 0; index < paths.length; index += PARALLEL_READS) {
    const batch = paths.slice(index, index + PARALLEL_READS);
    candidates.push(...(await Promise.all(batch.map((path) => inspectCandidate(repo, path, dagId, options)))));
  }
  const defining = candidates.filter((candidate) => candidate.kind === 'defines');
  const [first, second] = defining;
  if (first && !second) return { kind: 'found', path: first.path, content: first.content, task_ids: first.task_ids };
  if (second) return { kind: 'ambiguous', paths: defining.map((candidate) => candidate.path) };
  const problems = candidates.flatMap((candidate) => (candidate.kind === 'problem' ? [candidate.message] : []));
  return { kind: 'not-found', searched: paths.length, problems };
}

async function inspectCandidate(repo: RepoFiles, path: string, dagId: string, options: LocateOptions): Promise<Candidate> {
  const listed = await listedTooLarge(repo, path, options.maxFileBytes);
  if (listed) return { kind: 'problem', message: `${path} ${listed}; skipped` };
  let content: string;
  try {
    content = await repo.read(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'problem', message: `${path} could not be read (${reason.split('\n')[0]}); skipped` };
  }
  if (!mayDefine(content, dagId, path)) return { kind: 'absent' };
  const large = tooLarge(content, options.maxFileBytes);
  if (large) return { kind: 'problem', message: `${path} ${large}; skipped` };
  const info = await inspectDagFile(content, path);
  if (info.kind === 'syntax-error') {
    return { kind: 'problem', message: `${path} does not parse (syntax error at line ${info.line}); skipped` };
  }
  const dags = info.dags.filter((dag) => dag.dag_id === dagId);
  if (dags.length === 0) return { kind: 'absent' };
  return { kind: 'defines', path, content, task_ids: [...new Set(dags.flatMap((dag) => dag.task_ids))] };
}

/**
 * A cheap test before parsing: a file can only define the DAG if the id is written as a quoted literal
 * (`DAG("id")`, `DAG_ID = 'id'`), as a function name (`def id(` for a bare `@dag`), or, in YAML, as a top-level key;
 * in Python, also when the id may be built: from the file's name (`__file__`), or from pieces written in the
 * file (an f-string or `+` of constants: every piece of the id between `_`, `-` and `.` is written somewhere).
 */
function mayDefine(content: string, dagId: string, path: string): boolean {
  const yaml = /\.ya?ml$/i.test(path);
  if (!yaml && content.includes('__file__')) return true;
  if (!content.includes(dagId)) return !yaml && builtFromPieces(content, dagId);
  const id = dagId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`["']${id}["']`).test(content)) return true;
  if (yaml) return new RegExp(`^${id}[ \t]*:`, 'm').test(content);
  return new RegExp(`\\bdef[ \t]+${id}[ \t]*\\(`).test(content) || builtFromPieces(content, dagId);
}

function builtFromPieces(content: string, dagId: string): boolean {
  const pieces = dagId.split(/[-_.]+/).filter(Boolean);
  return pieces.length > 1 && (content.includes('f"') || content.includes("f'") || content.includes('+'))
    && pieces.every((piece) => content.includes(piece));
}
