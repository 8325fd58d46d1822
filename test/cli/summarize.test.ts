import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarizeCommand, type SummarizeCommandOptions } from '../../src/cli/commands/summarize.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { useTempDirs } from '../metrics/eventlog/support/temp-dir.js';

const FIXTURES = fileURLToPath(new URL('../metrics/eventlog/fixtures/', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options?: SummarizeCommandOptions): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  const code = options ? await summarizeCommand(argv, io, options) : await main(['summarize', ...argv], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const rowsOf = (stdout: string): ApplicationSummary[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as ApplicationSummary);

describe('spark-tuner summarize', () => {
  const tempDir = useTempDirs();

  /** A directory with the tiny fixture log and one bad file of each kind. */
  async function mixedDir(): Promise<string> {
    const dir = await tempDir();
    await copyFile(path.join(FIXTURES, 'tiny-app.zstd'), path.join(dir, 'good.zstd'));
    const gz = await readFile(path.join(FIXTURES, 'tiny-app.gz'));
    await writeFile(path.join(dir, 'truncated.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    await writeFile(path.join(dir, 'empty'), '');
    await writeFile(path.join(dir, 'garbage'), 'hello\nworld\n');
    await writeFile(path.join(dir, 'not-an-event-log.json'), '{"name":"package","version":"1.0.0"}\n');
    await writeFile(path.join(dir, 'app-2.lz4'), 'LZ4 block data');
    return dir;
  }

  it('writes one JSON line per application attempt, and one stderr line per file it cannot read', async () => {
    const dir = await mixedDir();
    const { code, stdout, stderr } = await run([dir]);
    expect(code).toBe(0);
    // The truncated copy still names its application: what was read is summarized, marked incomplete.
    const rows = rowsOf(stdout);
    expect(rows.map((row) => [row.app_id, row.status])).toEqual([
      ['application_1700000000000_0001', 'succeeded'],
      ['application_1700000000000_0001', 'incomplete'],
    ]);
    expect(rows[1]?.metrics_quality.join('\n')).toMatch(/the log could not be read to the end/);
    const problems = stderr.trim().split('\n');
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(expect.arrayContaining([
      `${path.join(dir, 'empty')}: the file is empty, so it is not a Spark event log; skipped.`,
      `${path.join(dir, 'garbage')}: no Spark listener events found, so it is not a Spark event log; skipped.`,
      `${path.join(dir, 'not-an-event-log.json')}: no Spark listener events found, so it is not a Spark event log; skipped.`,
      `${path.join(dir, 'app-2.lz4')}: codec lz4 not supported yet; decompress it first; skipped.`,
      expect.stringMatching(/truncated\.gz: could not be read( to the end)? \(/),
    ]));
  });

  it('prints a compact table with --format table', async () => {
    const { code, stdout } = await run([path.join(FIXTURES, 'tiny-app'), '--format', 'table']);
    expect(code).toBe(0);
    const [header, line, ...rest] = stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(header?.split(/\s{2,}/)).toEqual([
      'APP ID', 'ATTEMPT', 'DAG.TASK', 'STATUS', 'DURATION', 'EXECUTORS', 'MEMORY', 'PEAK HEAP', 'TASKS FAILED/TOTAL', 'SPILL', 'GC',
    ]);
    expect(line?.split(/\s{2,}/)).toEqual([
      'application_1700000000000_0001', '1', 'tiny_dag.tiny_task', 'succeeded', '4 s', '1', '2g', '700 MiB (34%)', '0/1', '-', '1.2%',
    ]);
  });

  it('exits 1 when nothing could be read, and 2 on bad arguments', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'empty'), '');
    const nothing = await run([dir]);
    expect(nothing).toMatchObject({ code: 1, stdout: '' });
    expect(nothing.stderr).toMatch(/the file is empty/);
    const missing = await run([path.join(dir, 'nope')]);
    expect(missing).toMatchObject({ code: 1, stderr: `${path.join(dir, 'nope')}: no such file or directory; check the path.\n` });
    const badFormat = await run([dir, '--format', 'csv']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be jsonl or table, not "csv"/);
    expect((await run([])).code).toBe(2);
  });

  it('shows throttled progress on stderr for large inputs, erased before other output', async () => {
    const dir = await mixedDir();
    let clock = 0;
    const { code, stdout, stderr } = await run([path.join(dir, 'good.zstd'), path.join(FIXTURES, 'tiny-app')], {
      progress: true, progressMinBytes: 1, now: () => (clock += 300),
    });
    expect(code).toBe(0);
    expect(rowsOf(stdout)).toHaveLength(2);
    expect(stderr).toMatch(/^\rsummarizing: 0 of 0 MB \(\d+%\)\r\x1b\[K/);
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
    const quiet = await run([path.join(dir, 'good.zstd')], { progress: true, now: () => (clock += 300) });
    expect(quiet.stderr).toBe('');
  });
});
