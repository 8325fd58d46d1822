import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { collectDirectory, fileLog, isIgnored, type FoundEventLogs, type LogTree } from './group-event-logs.js';

export type { EventLogInput, FoundEventLogs } from './group-event-logs.js';

/** This machine's directories, as a tree of event-log files (symbolic links count as files, as before). */
const LOCAL_TREE: LogTree = {
  async list(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((entry) => ({
      name: entry.name,
      kind: entry.isDirectory() ? 'directory' : entry.isFile() || entry.isSymbolicLink() ? 'file' : 'other',
    }));
  },
  join: (dir, name) => path.join(dir, name),
  basename: (file) => path.basename(file),
};

/**
 * Event logs under the given local paths (files, or directories searched recursively), grouped as
 * `collectDirectory` does. Missing or unreadable paths become problem lines.
 */
export async function findEventLogs(paths: readonly string[]): Promise<FoundEventLogs> {
  const found: FoundEventLogs = { logs: [], problems: [] };
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) found.problems.push(`${given}: no such file or directory; check the path.`);
    else if (info.isDirectory()) await collectDirectory(LOCAL_TREE, given, found);
    else if (!isIgnored(path.basename(given))) found.logs.push(fileLog(LOCAL_TREE, given));
  }
  return found;
}
