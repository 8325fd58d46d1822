import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import { createZstdDecompressor, MAX_ZSTD_WINDOW, zstdWindowSize } from '../../../src/metrics/eventlog/zstd-decompressor.js';
import { createLongWindowZstdDecompressor } from '../../../src/metrics/eventlog/zstd-long-window.js';
import { fixture } from './support/fixtures.js';
import { hasZstdCli, writeLongWindowLog, type LongWindowLog } from './support/long-window-log.js';

if (!hasZstdCli) console.warn('Skipping the long-window zstd tests: the zstd command is not installed (apt-get install zstd).');

/** SHA-1 and length of what a decoder makes of a file (or the file itself). */
async function digest(file: string, decoder?: Transform): Promise<{ sha1: string; bytes: number }> {
  const hash = createHash('sha1');
  let bytes = 0;
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  };
  const input = createReadStream(file, { highWaterMark: 128 << 10 });
  await (decoder ? pipeline(input, decoder, sink) : pipeline(input, sink));
  return { sha1: hash.digest('hex'), bytes };
}

let dir = '';
let log: LongWindowLog;

describe.skipIf(!hasZstdCli)('event logs compressed with a long zstd window (zstd --long=27)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zstd-long-'));
    log = await writeLongWindowLog(dir);
  }, 300_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('declares a 128 MiB window, beyond what the pure-JS decoder reads correctly', async () => {
    const file = await open(log.compressed);
    const head = Buffer.alloc(18);
    await file.read(head, 0, 18, 0);
    await file.close();
    expect(zstdWindowSize(head)).toBe(128 * 1024 * 1024);
    expect(zstdWindowSize(head)).toBeGreaterThan(MAX_ZSTD_WINDOW);
  });

  it('is corrupted by the pure-JS decoder, and decoded byte for byte by the WebAssembly one', async () => {
    const original = await digest(log.plain);
    expect(original.bytes).toBeGreaterThan(100 * 1024 * 1024);
    const pureJs = await digest(log.compressed, createZstdDecompressor()).catch((error: Error) => ({ sha1: error.message, bytes: -1 }));
    expect(pureJs.sha1).not.toBe(original.sha1);
    expect(await digest(log.compressed, createLongWindowZstdDecompressor())).toEqual(original);
  }, 300_000);

  it('summarizes to the same row as the uncompressed log', async () => {
    const fromPlain = await summarizeEventLogs([log.plain]);
    const fromZstd = await summarizeEventLogs([log.compressed]);
    expect(fromZstd.problems).toEqual([]);
    expect(fromZstd.summaries).toEqual(fromPlain.summaries);
    expect(fromZstd.summaries[0]).toMatchObject({ app_id: 'application_1790000000000_0777', status: 'succeeded', tasks_total: log.written.tasks, stages_total: log.written.stages });
  }, 300_000);

  it('stops at corrupt data with one line, instead of reading on into wrong numbers', async () => {
    const bytes = await readFile(log.compressed);
    for (let at = 1_000_000; at < 1_000_400; at += 1) bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
    const corrupt = path.join(dir, 'corrupt.zstd');
    await writeFile(corrupt, bytes);
    const { summaries, problems } = await summarizeEventLogs([corrupt]);
    expect(problems).toEqual([expect.stringMatching(/could not be read to the end \(invalid zstd data/)]);
    expect(summaries[0]?.tasks_total ?? 0).toBeLessThan(log.written.tasks);
  }, 300_000);
});

describe('zstd windows the decoders cannot read', () => {
  it('refuses a window above 128 MiB with one line, without reading on', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'zstd-huge-'));
    try {
      const file = path.join(folder, 'app-1.zstd');
      await writeFile(file, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x90, 0x01, 0x02, 0x03]));
      const { summaries, problems } = await summarizeEventLogs([file]);
      expect(summaries).toEqual([]);
      expect(problems).toEqual([expect.stringMatching(/zstd window of 256 MiB is larger than the decoders read \(128 MiB/)]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('decodes a small stream with the WebAssembly decoder too, fed in small chunks', async () => {
    const compressed = await readFile(fixture('tiny-app.zstd'));
    const chunks = Array.from({ length: Math.ceil(compressed.length / 7) }, (_, i) => compressed.subarray(i * 7, i * 7 + 7));
    const output: Buffer[] = [];
    for await (const chunk of Readable.from(chunks).pipe(createLongWindowZstdDecompressor())) output.push(chunk as Buffer);
    expect(Buffer.concat(output).equals(await readFile(fixture('tiny-app')))).toBe(true);
  });

  it('fails on a truncated stream', async () => {
    const compressed = await readFile(fixture('tiny-app.zstd'));
    const decode = pipeline(Readable.from([compressed.subarray(0, compressed.length - 9)]), createLongWindowZstdDecompressor(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) void chunk;
    });
    await expect(decode).rejects.toThrow(/invalid zstd data/);
  });
});
