import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decompressor, detectCodec } from './codec.js';
import { localLogStore, type LogStore } from './log-store.js';
import { zstdWindowSize } from './zstd-decompressor.js';
import { MAX_LONG_ZSTD_WINDOW } from './zstd-long-window.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** The first bytes of a part that decide its codec (magic numbers, zstd frame header). */
const HEAD_BYTES = 18;
/** Compressed input is fed in smaller chunks: a zstd chunk decompresses at once (often 40× its size). */
const COMPRESSED_CHUNK = 128 << 10;

/** Raised for a codec Spark supports that this reader does not (yet). */
export class UnsupportedCodecError extends Error {}

/**
 * Streams the lines of an event log made of one or more parts (rolling logs), decompressing
 * each part by its codec. Lines are passed as Buffers without the line break; memory stays
 * flat whatever the file size (only the current line is held). `onBytesRead` hears how many
 * bytes of the files (compressed, as stored) have been read, for progress. Parts are read
 * from `store` (local files by default, or S3 objects).
 */
export async function readEventLogLines(
  parts: readonly string[],
  onLine: (line: Buffer) => void,
  onBytesRead?: (bytes: number) => void,
  store: LogStore = localLogStore,
): Promise<void> {
  for (const part of parts) {
    const source = store.read(part)[Symbol.asyncIterator]();
    try {
      const head = await readHead(source);
      const headBytes = Buffer.concat(head);
      const guess = detectCodec(path.basename(part), headBytes);
      if ('unsupported' in guess) throw new UnsupportedCodecError(`codec ${guess.unsupported} not supported yet`);
      const window = guess.codec === 'zstd' ? zstdWindowSize(headBytes) : null;
      if (window !== null && window > MAX_LONG_ZSTD_WINDOW) {
        const mib = Math.round(window / (1024 * 1024));
        throw new UnsupportedCodecError(`zstd window of ${mib} MiB is larger than the decoders read (128 MiB, zstd's default limit)`);
      }
      const decode = decompressor(guess.codec, window);
      let read = 0;
      let reported = 0;
      const report = (): void => {
        if (!onBytesRead || read <= reported) return;
        onBytesRead(read - reported);
        reported = read;
      };
      // A byte stream that holds at most one chunk ahead (Readable.from's object mode would read 16 ahead, and a
      // zstd chunk read ahead is 40× its size once decoded).
      const bytes = Readable.from(chunked(head, source, decode ? COMPRESSED_CHUNK : Infinity, (size) => { read += size; }), {
        objectMode: false,
        highWaterMark: 1,
      });
      const consume = (input: AsyncIterable<Buffer>): Promise<void> => forEachLine(input, onLine, report);
      if (decode) await pipeline(bytes, decode, consume);
      else await pipeline(bytes, consume);
      report();
    } finally {
      await source.return?.();
    }
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

/** Pulls chunks until at least HEAD_BYTES bytes (or the whole part) are in hand; they are read again after. */
async function readHead(source: AsyncIterator<Buffer>): Promise<Buffer[]> {
  const head: Buffer[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const next = await source.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
  }
  return head;
}

/** The head chunks then the rest of the source, in pieces of at most `maxChunk` bytes, each counted as it goes. */
async function* chunked(
  head: readonly Buffer[],
  source: AsyncIterator<Buffer>,
  maxChunk: number,
  onChunk: (size: number) => void,
): AsyncGenerator<Buffer> {
  const pieces = function* (chunk: Buffer): Generator<Buffer> {
    for (let start = 0; start < chunk.length; start += maxChunk) yield chunk.subarray(start, start + maxChunk);
  };
  for (const chunk of head) {
    for (const piece of pieces(chunk)) {
      onChunk(piece.length);
      yield piece;
    }
  }
  for (let next = await source.next(); !next.done; next = await source.next()) {
    for (const piece of pieces(next.value)) {
      onChunk(piece.length);
      yield piece;
    }
  }
}
