import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3ClientSource } from '../metrics/eventlog/locate-event-logs.js';
import { isS3Url } from '../metrics/s3/s3-location.js';

/** Where ingest writes: files by relative name (`dt=2026-11-20/app.jsonl`, `_checkpoint.json`). */
export interface OutputStore {
  /** How people know the location (a directory or `s3://bucket/prefix`). */
  readonly location: string;
  /** A file's text, or null when there is none. */
  read(name: string): Promise<string | null>;
  /** Creates or replaces a file whole: readers see the old content or the new, never part of it. */
  write(name: string, text: string): Promise<void>;
}

/** The output store for a local directory or an `s3://bucket/prefix`. */
export async function outputStore(location: string, s3: S3ClientSource): Promise<OutputStore> {
  if (!isS3Url(location)) return localOutputStore(location);
  const { s3OutputStore } = await import('./s3-output-store.js');
  return s3OutputStore(location, await s3());
}

/** A local directory; each write goes to a hidden temporary file beside the target, then is renamed over it. */
export function localOutputStore(dir: string): OutputStore {
  return {
    location: dir,
    async read(name) {
      return readFile(path.join(dir, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
    },
    async write(name, text) {
      const target = path.join(dir, name);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temp, text);
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
  };
}
