import { createGunzip } from 'node:zlib';
import type { Transform } from 'node:stream';
import { createZstdDecompressor, MAX_ZSTD_WINDOW } from './zstd-decompressor.js';
import { createLongWindowZstdDecompressor } from './zstd-long-window.js';

export type Codec = 'none' | 'gzip' | 'zstd';

/** A codec we can read, or the name of one we cannot read yet. */
export type CodecGuess = { codec: Codec } | { unsupported: string };

const BY_EXTENSION: Record<string, CodecGuess> = {
  gz: { codec: 'gzip' },
  gzip: { codec: 'gzip' },
  zstd: { codec: 'zstd' },
  zst: { codec: 'zstd' },
  lz4: { unsupported: 'lz4' },
  lzf: { unsupported: 'lzf' },
  snappy: { unsupported: 'snappy' },
};

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/**
 * The codec of an event-log file: Spark names it in the extension (`app-1.zstd`,
 * `app-1.lz4.inprogress`); without one, the first bytes decide (gzip and zstd magic numbers).
 */
export function detectCodec(fileName: string, head: Buffer): CodecGuess {
  const name = fileName.replace(/\.inprogress$/, '');
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byName = extension === undefined ? undefined : BY_EXTENSION[extension];
  if (byName) return byName;
  if (startsWith(head, ZSTD_MAGIC)) return { codec: 'zstd' };
  if (startsWith(head, GZIP_MAGIC)) return { codec: 'gzip' };
  return { codec: 'none' };
}

/**
 * A decompressing stream for a codec, or null for plain text. zstd frames are read by the pure-JS
 * decoder, unless their window (`zstdWindow`, from the frame header) is larger than it reads
 * correctly: then by libzstd in WebAssembly.
 */
export function decompressor(codec: Codec, zstdWindow: number | null = null): Transform | null {
  if (codec === 'gzip') return createGunzip();
  if (codec !== 'zstd') return null;
  return zstdWindow !== null && zstdWindow > MAX_ZSTD_WINDOW ? createLongWindowZstdDecompressor() : createZstdDecompressor();
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}
