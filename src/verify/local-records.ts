import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { git } from '../publish/local/run-git.js';
import { readRecord } from './record-marker.js';
import type { TuningRecord } from './types.js';

/** A tuning merged into the current branch of a local repository. */
export interface MergedRecord {
  record: TuningRecord;
  /** Commit time of the merge into the current branch (epoch ms). */
  merged_at: number;
  /** The commit that brought it in: the merge commit, or the commit itself (fast-forward, squash). */
  commit: string;
}

export interface LocalRecords {
  merged: MergedRecord[];
  /** Merged spark-tuner commits whose values cannot be read (older markers), one line each. */
  notes: string[];
}

const RECORD_SEPARATOR = '\x1e';

/**
 * The spark-tuner proposals merged into HEAD, read with git alone: along the first-parent history, a merge
 * commit brings in the commits of its other parents, a fast-forwarded or squashed commit is its own record;
 * the record is the `Spark-Tuner-Record` trailer of the commit message, or, for commits written before it
 * existed, the body spark-tuner saved in `.git/spark-tuner/<dag_id>.md` when its fingerprint matches.
 */
export async function readLocalRecords(repoDir: string): Promise<LocalRecords> {
  const cwd = repoDir;
  const listing = await git(['log', '--first-parent', '--format=%H %ct %P', 'HEAD'], { cwd });
  const seen = new Set<string>();
  const merged: MergedRecord[] = [];
  const notes: string[] = [];
  // oldest first, so a fingerprint merged twice counts from its first merge
  for (const line of listing.split('\n').filter(Boolean).reverse()) {
    const [commit = '', time = '0', firstParent, ...others] = line.split(' ');
    const range = others.length > 0 && firstParent ? [`${firstParent}..${commit}`] : ['-1', commit];
    const messages = (await git(['log', `--format=%B${RECORD_SEPARATOR}`, ...range], { cwd })).split(RECORD_SEPARATOR);
    for (const message of messages) {
      const read = readRecord(message);
      if (read.kind === 'none') continue;
      const fingerprint = read.kind === 'record' ? read.record.fingerprint : read.fingerprint;
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      const record = read.kind === 'record' ? read.record : await storedBodyRecord(cwd, fingerprint);
      if (record) merged.push({ record, merged_at: Number(time) * 1000, commit });
      else if (read.kind === 'skipped') notes.push(`${commit.slice(0, 12)}: ${read.note}`);
    }
  }
  return { merged, notes };
}

/** The record in a saved PR body (`.git/spark-tuner/*.md`) carrying this fingerprint, if any. */
async function storedBodyRecord(cwd: string, fingerprint: string): Promise<TuningRecord | null> {
  const dir = path.join(path.resolve(cwd, await git(['rev-parse', '--git-dir'], { cwd })), 'spark-tuner');
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const file of files.filter((name) => name.endsWith('.md'))) {
    const read = readRecord(await readFile(path.join(dir, file), 'utf8'));
    if (read.kind === 'record' && read.record.fingerprint === fingerprint) return read.record;
  }
  return null;
}
