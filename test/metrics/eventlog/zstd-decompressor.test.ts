import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createZstdDecompressor, zstdWindowSize } from '../../../src/metrics/eventlog/zstd-decompressor.js';
import { fixture } from './support/fixtures.js';

const frame = (...bytes: number[]): Buffer => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, ...bytes]);

describe('zstdWindowSize', () => {
  it('reads the window descriptor of a streamed frame', () => {
    expect(zstdWindowSize(frame(0x84, 0x88))).toBe(128 * 1024 * 1024);
    expect(zstdWindowSize(frame(0x00, 0x48))).toBe(512 * 1024);
    expect(zstdWindowSize(frame(0x00, 0x4a))).toBe(512 * 1024 + 2 * 64 * 1024);
  });

  it('takes the content size of a single-segment frame as its window', async () => {
    expect(zstdWindowSize(await readFile(fixture('tiny-app.zstd')))).toBe((await readFile(fixture('tiny-app'))).length);
    expect(zstdWindowSize(frame(0xa0, 0x10, 0x00, 0x00, 0x01))).toBe(0x01000010);
  });

  it('is null for anything else', () => {
    expect(zstdWindowSize(Buffer.from('{"Event":"SparkListenerLogStart"}'))).toBeNull();
    expect(zstdWindowSize(frame(0x00))).toBeNull();
  });
});

describe('createZstdDecompressor', () => {
  it('decodes a stream fed in small chunks', async () => {
    const compressed = await readFile(fixture('tiny-app.zstd'));
    const chunks = Array.from({ length: Math.ceil(compressed.length / 7) }, (_, i) => compressed.subarray(i * 7, i * 7 + 7));
    const output: Buffer[] = [];
    for await (const chunk of Readable.from(chunks).pipe(createZstdDecompressor())) output.push(chunk as Buffer);
    expect(Buffer.concat(output).equals(await readFile(fixture('tiny-app')))).toBe(true);
  });
});
