import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { s3ErrorText } from '../metrics/s3/s3-client.js';
import { isS3Url, parseS3Url } from '../metrics/s3/s3-location.js';

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
export function outputStore(location: string, s3: () => S3Client): OutputStore {
  return isS3Url(location) ? s3OutputStore(location, s3()) : localOutputStore(location);
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

/** An S3 prefix; PutObject replaces an object atomically. */
function s3OutputStore(location: string, client: S3Client): OutputStore {
  const { bucket, prefix } = parseS3Url(location);
  const keyOf = (name: string): string => (prefix === '' ? name : `${prefix}/${name}`);
  return {
    location,
    async read(name) {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(name) }));
        return (await response.Body?.transformToString('utf8')) ?? '';
      } catch (error) {
        if (error instanceof Error && error.name === 'NoSuchKey') return null;
        throw new Error(`s3://${bucket}/${keyOf(name)} could not be read (${s3ErrorText(error)}).`);
      }
    },
    async write(name, text) {
      const contentType = name.endsWith('.jsonl') ? 'application/x-ndjson' : 'application/json';
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(name), Body: text, ContentType: contentType }));
      } catch (error) {
        throw new Error(`s3://${bucket}/${keyOf(name)} could not be written (${s3ErrorText(error)}).`);
      }
    },
  };
}
