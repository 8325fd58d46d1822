import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forEachLine, readEventLogLines, UnsupportedCodecError } from '../../../src/metrics/eventlog/read-lines.js';
import { fixture } from './support/fixtures.js';
import { useTempDirs } from './support/temp-dir.js';

async function lines(parts: string[]): Promise<string[]> {
  const seen: string[] = [];
  await readEventLogLines(parts, (line) => seen.push(line.toString('utf8')));
  return seen;
}

describe('forEachLine', () => {
  it('splits across chunk boundaries, strips CR and keeps a last line without a break', async () => {
    const chunks = ['{"a":1}\r\n{"b"', ':2}\n', '\n{"c":', '3}'].map((text) => Buffer.from(text));
    const seen: string[] = [];
    await forEachLine(Readable.from(chunks), (line) => seen.push(line.toString()));
    expect(seen).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });
});

describe('readEventLogLines', () => {
  const tempDir = useTempDirs();

  it('reads plain, gzip and zstd logs to the same lines', async () => {
    const plain = await lines([fixture('tiny-app')]);
    expect(plain).toHaveLength(12);
    expect(await lines([fixture('tiny-app.gz')])).toEqual(plain);
    expect(await lines([fixture('tiny-app.zstd')])).toEqual(plain);
  });

  it('recognizes compressed data by its magic number when the name has no extension', async () => {
    const dir = await tempDir();
    const copy = path.join(dir, 'application_1700000000000_0001_1');
    await copyFile(fixture('tiny-app.zstd'), copy);
    expect(await lines([copy])).toEqual(await lines([fixture('tiny-app')]));
  });

  it('concatenates the parts of a rolling log in order', async () => {
    const dir = await tempDir();
    const all = await lines([fixture('tiny-app')]);
    await writeFile(path.join(dir, 'events_1_app'), `${all.slice(0, 5).join('\n')}\n`);
    await writeFile(path.join(dir, 'events_2_app'), `${all.slice(5).join('\n')}\n`);
    expect(await lines([path.join(dir, 'events_1_app'), path.join(dir, 'events_2_app')])).toEqual(all);
  });

  it('refuses codecs it cannot read yet, and corrupt compressed data', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'app-1.lz4'), 'xx');
    await expect(lines([path.join(dir, 'app-1.lz4')])).rejects.toThrow(UnsupportedCodecError);
    const truncated = path.join(dir, 'app-2.zstd');
    const zstd = await readFile(fixture('tiny-app.zstd'));
    await writeFile(truncated, zstd.subarray(0, zstd.length - 20));
    await expect(lines([truncated])).rejects.toThrow(/zstd/);
    await writeFile(path.join(dir, 'app-3.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    await expect(lines([path.join(dir, 'app-3.gz')])).rejects.toThrow();
  });
});
