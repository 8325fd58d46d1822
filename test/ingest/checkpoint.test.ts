import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checkpoint, CHECKPOINT_FILE } from '../../src/ingest/checkpoint.js';
import { forEachBounded } from '../../src/ingest/bounded.js';
import { localOutputStore } from '../../src/ingest/output-store.js';
import { useTempDirs } from '../metrics/eventlog/support/temp-dir.js';

describe('Checkpoint', () => {
  const tempDir = useTempDirs();

  it('round-trips, writes only when something changed, and starts over from a damaged file with a note', async () => {
    const dir = await tempDir();
    const store = localOutputStore(dir);
    const problems: string[] = [];
    const first = await Checkpoint.load(store, (line) => problems.push(line));
    first.record('a', 'a:1:2');
    await first.flush();
    const again = await Checkpoint.load(store, (line) => problems.push(line));
    expect(again.isUnchanged('a', 'a:1:2')).toBe(true);
    expect(again.isUnchanged('a', 'a:1:3')).toBe(false);
    await writeFile(path.join(dir, CHECKPOINT_FILE), 'old');
    again.record('a', 'a:1:2');
    await again.flush();
    expect(await readFile(path.join(dir, CHECKPOINT_FILE), 'utf8')).toBe('old');
    const damaged = await Checkpoint.load(store, (line) => problems.push(line));
    expect(damaged.isUnchanged('a', 'a:1:2')).toBe(false);
    expect(problems).toEqual([`${CHECKPOINT_FILE} at ${dir} is not a valid checkpoint; every log is ingested again (no row is duplicated).`]);
  });
});

describe('forEachBounded', () => {
  it('never runs more than the limit at once and does every item', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, undefined, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      done.push(item);
      running -= 1;
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
