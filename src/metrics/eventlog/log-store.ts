import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** What a part of an event log is now: its size in bytes and a version that changes when it is rewritten. */
export interface PartInfo {
  size: number;
  /** The modification time (local files) or the ETag (S3 objects). */
  version: string;
}

/**
 * Where the files of event logs are read from: the local file system, or an S3 bucket. Parts are named as the
 * store names them (a path, or an `s3://bucket/key` URL); the summarizer only ever reads through this.
 */
export interface LogStore {
  info(part: string): Promise<PartInfo>;
  /** The part's bytes, in order, as stored (still compressed). */
  read(part: string): AsyncIterable<Buffer>;
}

const READ_CHUNK = 1 << 20;

/** Event-log files on this machine. */
export const localLogStore: LogStore = {
  async info(part) {
    const stats = await stat(part);
    return { size: stats.size, version: String(stats.mtimeMs) };
  },
  read(part) {
    return createReadStream(part, { highWaterMark: READ_CHUNK });
  },
};

/**
 * A log's identity for "has it changed?": every part's file name, size and version. Equal fingerprints mean the
 * same bytes for all practical purposes (a rewrite changes the mtime or the ETag); a new part of a rolling log
 * changes it too. File names only, so a checkpoint survives moving the whole tree.
 */
export async function fingerprintOf(parts: readonly string[], store: LogStore): Promise<string> {
  const infos = await Promise.all(parts.map((part) => store.info(part)));
  return parts.map((part, index) => `${baseName(part)}:${infos[index]?.size}:${infos[index]?.version}`).join('|');
}

function baseName(part: string): string {
  return part.slice(Math.max(part.lastIndexOf('/'), part.lastIndexOf('\\')) + 1);
}

/**
 * A part could not be fetched from its store (network, permissions, changed while being read): the log itself may
 * be fine, so callers report it and try again later instead of recording the log as unreadable.
 */
export class LogStoreError extends Error {
  override readonly name = 'LogStoreError';
}
