import { z } from 'zod';
import type { OutputStore } from './output-store.js';

/** The checkpoint's file at the output location; Athena and Hive skip names starting with `_`. */
export const CHECKPOINT_FILE = '_spark-tuner-ingest-checkpoint.json';

const CheckpointFile = z.object({
  version: z.literal(1),
  /** Log name (relative to the ingested location) → fingerprint (each part's name, size and mtime or ETag). */
  logs: z.record(z.string(), z.string()),
});

/**
 * The logs already ingested, as they were when ingested. A log is recorded only after its row file is written, and
 * the file is rewritten whole (atomically) by `flush`, so an interruption never records a log whose row is missing:
 * at worst the logs since the last flush are read again, and their files are replaced by identical ones.
 */
export class Checkpoint {
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly store: OutputStore, private readonly logs: Map<string, string>) {}

  /** The checkpoint at `store`, or an empty one (with a problem line when the file is there but not valid). */
  static async load(store: OutputStore, onProblem: (line: string) => void): Promise<Checkpoint> {
    const text = await store.read(CHECKPOINT_FILE);
    if (text === null) return new Checkpoint(store, new Map());
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // reported below
    }
    const checked = CheckpointFile.safeParse(parsed);
    if (!checked.success) {
      onProblem(`${CHECKPOINT_FILE} at ${store.location} is not a valid checkpoint; every log is ingested again (no row is duplicated).`);
      return new Checkpoint(store, new Map());
    }
    return new Checkpoint(store, new Map(Object.entries(checked.data.logs)));
  }

  isUnchanged(name: string, fingerprint: string): boolean {
    return this.logs.get(name) === fingerprint;
  }

  record(name: string, fingerprint: string): void {
    if (this.logs.get(name) === fingerprint) return;
    this.logs.set(name, fingerprint);
    this.dirty = true;
  }

  /** Writes what was recorded since the last flush (nothing when nothing was); one write at a time. */
  flush(): Promise<void> {
    this.writing = this.writing.catch(() => undefined).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const logs = Object.fromEntries([...this.logs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      try {
        await this.store.write(CHECKPOINT_FILE, `${JSON.stringify({ version: 1, logs })}\n`);
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    });
    return this.writing;
  }
}
