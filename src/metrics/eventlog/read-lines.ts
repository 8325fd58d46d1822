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
/** Compressed input is read in smaller chunks: a zstd chunk decompresses at once (often 40× its size). */
const COMPRESSED_READ_CHUNK = 128 << 10;

/** Raised for a codec Spark supports that this reader does not (yet). */
export class UnsupportedCodecError extends Error {}

/**
 * Streams the lines of an event log made of one or more parts (rolling logs), decompressing
 * each part by its codec. Lines are passed as Buffers without the line break; memory stays
 * flat whatever the file size (only the current line is held). `onBytesRead` hears how many
 * bytes of the files (compressed, as on disk) have been read, for progress.
 */
export async function readEventLogLines(
  parts: readonly string[],
  onLine: (line: Buffer) => void,
  onBytesRead?: (bytes: number) => void,
): Promise<void> {
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
    const file = createReadStream(part, { highWaterMark: decode ? COMPRESSED_READ_CHUNK : READ_CHUNK });
    let reported = 0;
    const report = (): void => {
      if (!onBytesRead || file.bytesRead <= reported) return;
      onBytesRead(file.bytesRead - reported);
      reported = file.bytesRead;
    };
    const consume = (source: AsyncIterable<Buffer>): Promise<void> => forEachLine(source, onLine, report);
    if (decode) await pipeline(file, decode, consume);
    else await pipeline(file, consume);
    report();
  }
}

/**
 * Calls `onLine` for every line of a byte stream; a final line without a line break counts
 * too. `afterChunk` runs after each chunk's lines.
 */
export async function forEachLine(
  source: AsyncIterable<Buffer> | Readable,
  onLine: (line: Buffer) => void,
  afterChunk?: () => void,
): Promise<void> {
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
    afterChunk?.();
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
