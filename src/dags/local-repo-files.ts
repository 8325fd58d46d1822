import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RepoFiles } from './types.js';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/**
 * A local checkout as `RepoFiles`: posix paths relative to `dir`, without `.git` and `node_modules`. The listing is
 * walked once per instance (one command locates several DAGs in the same tree).
 */
export function localRepoFiles(dir: string): RepoFiles {
  let listing: Promise<string[]> | null = null;
  return {
    list: async () => [...(await (listing ??= listFiles(dir, '')))],
    read: (relative) => readText(path.join(dir, ...relative.split('/'))),
  };
}

/**
 * Reads UTF-8 text, a byte order mark included (so that it is written back); anything else is refused, because
 * writing it back as text would corrupt it.
 */
async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`${file} is not UTF-8 text`);
  }
}

async function listFiles(root: string, prefix: string): Promise<string[]> {
  const entries = await readdir(path.join(root, ...prefix.split('/').filter(Boolean)), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}
