import { Transform, type TransformCallback } from 'node:stream';
import { ZSTDDecoder } from 'zstddec/stream';

/**
 * The largest window the WebAssembly decoder reads: libzstd's default decoding limit (window log 27),
 * which is what `zstd --long` (= `--long=27`) writes.
 */
export const MAX_LONG_ZSTD_WINDOW = 128 * 1024 * 1024;
/** Steps without output in a row while compressed input is still pending: a healthy decoder always moves, a failed one is stuck. */
const MAX_IDLE_STEPS = 64;

let decoder: Promise<ZSTDDecoder> | undefined;

/** The one WebAssembly instance (libzstd's streaming decoder, built by zstddec), loaded on first use. */
function loadDecoder(): Promise<ZSTDDecoder> {
  decoder ??= (async () => {
    const instance = new ZSTDDecoder();
    await instance.init();
    return instance;
  })();
  return decoder;
}

/**
 * Hands zstddec's pull-based decoder one compressed chunk at a time. Its generator asks for the next
 * chunk only when it has consumed the previous one, so it is resumed only while a chunk is waiting
 * (or at the end), and never asks an empty feed.
 */
class ChunkFeed implements Iterable<Uint8Array> {
  private pending: Uint8Array | null = null;
  ended = false;
  /** Whether the decoder took the pending chunk during the last step. */
  taken = false;

  put(chunk: Uint8Array): void {
    this.pending = chunk;
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return {
      next: (): IteratorResult<Uint8Array> => {
        const chunk = this.pending;
        this.pending = null;
        if (chunk) {
          this.taken = true;
          return { value: chunk, done: false };
        }
        if (this.ended) return { value: undefined, done: true };
        throw new Error('decoder asked for input before it arrived');
      },
    };
  }
}

/**
 * A streaming Zstandard decompressor for frames whose window the pure-JS decoder cannot read
 * (above 64 MiB, e.g. logs re-compressed with `zstd --long`): libzstd compiled to WebAssembly
 * (zstddec). Memory is the frame's window (up to 128 MiB) plus one 128 KiB output block; the
 * WebAssembly memory grows to that once and is reused by later logs. A corrupt or truncated
 * stream is an error.
 */
export function createLongWindowZstdDecompressor(): Transform {
  const feed = new ChunkFeed();
  let steps: Generator<Uint8Array> | undefined;
  let finished = false;

  /** Resumes the decoder until it takes the pending chunk (`untilTaken`) or, at the end, until it is done. */
  const run = (untilTaken: boolean, push: (data: Buffer) => void): void => {
    let idle = 0;
    while (steps && !finished) {
      feed.taken = false;
      const step = steps.next();
      if (step.done) {
        finished = true;
        return;
      }
      if (step.value.length > 0) idle = 0;
      else if (!feed.taken && (idle += 1) > MAX_IDLE_STEPS) throw new Error('the decoder stopped making progress');
      if (step.value.length > 0) push(Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength));
      if (untilTaken && feed.taken) return;
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (chunk.length === 0) return callback();
      loadDecoder()
        .then((instance) => {
          steps ??= instance.decodeStreaming(feed);
          feed.put(chunk);
          run(true, (data) => this.push(data));
          callback();
        })
        .catch((error: unknown) => callback(asError(error)));
    },
    flush(callback: TransformCallback) {
      try {
        feed.ended = true;
        run(false, (data) => this.push(data));
        callback();
      } catch (error) {
        callback(asError(error));
      }
    },
    destroy(error: Error | null, callback: (error?: Error | null) => void) {
      // Let the decoder run out so that it frees its window (it throws on the unfinished frame after freeing).
      feed.ended = true;
      try {
        run(false, () => undefined);
      } catch {
        // the stream is being torn down anyway
      }
      callback(error);
    },
  });
}

function asError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`invalid zstd data (${message})`);
}
