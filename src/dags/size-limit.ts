import type { RepoFiles } from './types.js';

/**
 * DAG files larger than this are refused, never parsed (parsing costs memory and time in proportion to size;
 * real DAG files are far smaller). `rewriteDag`, `extractTaskSettings` and `locateDag` take `maxFileBytes`.
 */
export const MAX_DAG_FILE_MB = 5;
export const MAX_DAG_FILE_BYTES = MAX_DAG_FILE_MB * 1024 * 1024;

/** The byte limit for `max_dag_file_mb` of the repository config. */
export function maxFileBytes(megabytes: number = MAX_DAG_FILE_MB): number {
  return Math.round(megabytes * 1024 * 1024);
}

/** Why a text is too large to parse (ends a sentence, for "the file …"), or null. */
export function tooLarge(source: string, maxBytes = MAX_DAG_FILE_BYTES): string | null {
  if (source.length <= maxBytes / 3) return null;
  return tooManyBytes(Buffer.byteLength(source, 'utf8'), maxBytes);
}

/** `tooLarge` for a file of `bytes` bytes, known before it is read (a git tree lists each blob's size). */
export function tooManyBytes(bytes: number, maxBytes = MAX_DAG_FILE_BYTES): string | null {
  if (bytes <= maxBytes) return null;
  return `is ${size(bytes)}, above the ${size(maxBytes)} limit for DAG files (max_dag_file_mb), so it was not parsed`;
}

/** Why the file at `path` is too large, from the size its source lists (null: small enough, or size unknown). */
export async function listedTooLarge(files: RepoFiles, path: string, maxBytes = MAX_DAG_FILE_BYTES): Promise<string | null> {
  const bytes = await files.size?.(path);
  return bytes == null ? null : tooManyBytes(bytes, maxBytes);
}

function size(bytes: number): string {
  const [amount, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : [bytes / 1024, 'KB'];
  return `${amount.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}
