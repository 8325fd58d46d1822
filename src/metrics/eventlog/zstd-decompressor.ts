import { Transform, type TransformCallback } from 'node:stream';
import { Decompress } from 'fzstd';

/**
 * The largest zstd window fzstd 0.1.1 decodes correctly: it reads a match offset's extra bits from
 * 4 bytes shifted by up to 7 bits, so offsets of 96 MiB and more can lose their top bit and long
 * windows are silently corrupted (seen on `nds_q88_photon_db_13_3.zstd`). Spark's own streams use
 * at most 8 MiB; larger windows come from re-compressed files, and go to the WebAssembly decoder.
 */
export const MAX_ZSTD_WINDOW = 64 * 1024 * 1024;

/**
 * A streaming Zstandard decompressor (Spark 3's default event-log codec; Node 20's zlib has
 * none). Wraps fzstd's pure-JS streaming decoder; a corrupt or truncated stream is an error.
 */
export function createZstdDecompressor(): Transform {
  let decoder: Decompress;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        decoder.push(chunk);
        callback();
      } catch (error) {
        callback(asError(error));
      }
    },
    flush(callback: TransformCallback) {
      try {
        decoder.push(new Uint8Array(0), true);
        callback();
      } catch (error) {
        callback(asError(error));
      }
    },
  });
  decoder = new Decompress((data) => {
    if (data.length > 0) transform.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  return transform;
}

function asError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`invalid zstd data (${message})`);
}

/**
 * The window size declared by the zstd frame header at the start of `head` (needs its first 14
 * bytes), or null when it is not a readable zstd frame header. Single-segment frames declare
 * their content size instead, which is then the window.
 */
export function zstdWindowSize(head: Buffer): number | null {
  if (head.length < 6 || head.readUInt32LE(0) !== 0xfd2fb528) return null;
  const descriptor = head[4] ?? 0;
  const singleSegment = (descriptor & 0x20) !== 0;
  if (!singleSegment) {
    const window = head[5] ?? 0;
    const windowLog = 10 + (window >> 3);
    return 2 ** windowLog + (2 ** windowLog / 8) * (window & 7);
  }
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] ?? 0;
  const at = 5 + dictionaryBytes;
  switch (descriptor >> 6) {
    case 0: return head.length > at ? (head[at] ?? 0) : null;
    case 1: return head.length >= at + 2 ? head.readUInt16LE(at) + 256 : null;
    case 2: return head.length >= at + 4 ? head.readUInt32LE(at) : null;
    default: return head.length >= at + 8 ? Number(head.readBigUInt64LE(at)) : null;
  }
}
