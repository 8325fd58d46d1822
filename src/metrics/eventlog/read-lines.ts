import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decompressor, detectCodec } from './codec.js';
import { MAX_ZSTD_WINDOW, zstdWindowSize } from './zstd-decompressor.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const READ_CHUNK = 1 << 20;

/** Raised for a codec Spark supports that this reader does not (yet). */
export class UnsupportedCodecError extends Error {}

/**
 * Streams the lines of an event log made of one or more parts (rolling logs), decompressing
 * each part by its codec. Lines are passed as Buffers without the line break; memory stays
 * flat whatever the file size (only the current line is held).
 */
export async function readEventLogLines(parts: readonly string[], onLine: (line: Buffer) => void): Promise<void> {
  for (const part of parts) {
    const head = await readHead(part);
    const guess = detectCodec(path.basename(part), head);
    if ('unsupported' in guess) throw new UnsupportedCodecError(`codec ${guess.unsupported} not supported yet`);
    const window = guess.codec === 'zstd' ? zstdWindowSize(head) : null;
    if (window !== null && window > MAX_ZSTD_WINDOW) {
      const mib = Math.round(window / (1024 * 1024));
      throw new UnsupportedCodecError(`zstd window of ${mib} MiB is larger than the built-in decoder reads correctly (64 MiB)`);
    }
    const decode = decompressor(guess.codec);
    const consume = (source: AsyncIterable<Buffer>): Promise<void> => forEachLine(source, onLine);
    const file = createReadStream(part, { highWaterMark: READ_CHUNK });
    if (decode) await pipeline(file, decode, consume);
    else await pipeline(file, consume);
  }
}

/** Calls `onLine` for every line of a byte stream; a final line without a line break counts too. */
export async function forEachLine(source: AsyncIterable<Buffer> | Readable, onLine: (line: Buffer) => void): Promise<void> {
  let pending: Buffer[] = [];
  for await (const chunk of source as AsyncIterable<Buffer>) {
    let start = 0;
    let end = chunk.indexOf(NEWLINE, start);
    while (end !== -1) {
      let line = chunk.subarray(start, end);
      if (pending.length > 0) {
        pending.push(line);
        line = Buffer.concat(pending);
        pending = [];
      }
      onLine(trimCarriageReturn(line));
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) onLine(trimCarriageReturn(Buffer.concat(pending)));
}

function trimCarriageReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN ? line.subarray(0, line.length - 1) : line;
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(18);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
