import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestCommand } from '../../src/cli/commands/ingest.js';
import { main } from '../../src/cli/main.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { CHECKPOINT_FILE } from '../../src/ingest/checkpoint.js';
import { ingestLogs } from '../../src/ingest/ingest-logs.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import { fromTableRow, toTableRow } from '../../src/metrics/table-row.js';
import { FakeS3, useFakeS3Environment } from '../support/fake-s3.js';
import { fixture } from '../metrics/eventlog/support/fixtures.js';
import { useTempDirs } from '../metrics/eventlog/support/temp-dir.js';

const NOW = new Date('2026-11-21T12:00:00Z');

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['ingest', ...argv], { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
  return { code, stdout, stderr };
}

/** Every file under a directory, relative, with its modification time. */
async function files(dir: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    found.set(path.relative(dir, full), (await stat(full)).mtimeMs);
  }
  return found;
}

/** Five generated daily runs, a real fixture, a corrupt log and one still being written. */
async function logsDir(dir: string): Promise<string> {
  const logs = path.join(dir, 'logs');
  await generateScenario('overprovisioned-memory', { outDir: logs, now: NOW, seed: 7 });
  await copyFile(fixture('tiny-app.zstd'), path.join(logs, 'application_1700000000000_0001_1'));
  await writeFile(path.join(logs, 'broken'), 'not an event log\n');
  await mkdir(path.join(logs, 'eventlog_v2_app-9'));
  await copyFile(fixture('tiny-app'), path.join(logs, 'eventlog_v2_app-9', 'events_1_app-9'));
  await writeFile(path.join(logs, 'eventlog_v2_app-9', 'appstatus_app-9.inprogress'), '');
  return logs;
}

describe('ingest, local to local', () => {
  const tempDir = useTempDirs();

  it('writes one table row per attempt under dt=, skips what it has seen, and replaces a changed log\'s file', async () => {
    const dir = await tempDir();
    const logs = await logsDir(dir);
    const out = path.join(dir, 'out');
    const first = await run('--event-logs', logs, '--out', out);
    expect(first.stdout).toBe('read 6, written 6, skipped unchanged 0, waiting incomplete 1, failed 1\n');
    expect(first.stderr).toBe(`${path.join(logs, 'broken')}: no Spark listener events found, so it is not a Spark event log; skipped.\n`);
    expect(first.code).toBe(0);
    const written = await files(out);
    expect([...written.keys()].sort()).toEqual([
      CHECKPOINT_FILE,
      'dt=2023-11-14/application_1700000000000_0001_1.jsonl',
      'dt=2026-11-17/application_1794634903879_0452_1.jsonl',
      'dt=2026-11-18/application_1794634903879_0453_1.jsonl',
      'dt=2026-11-19/application_1794634903879_0454_1.jsonl',
      'dt=2026-11-20/application_1794634903879_0455_1.jsonl',
      'dt=2026-11-21/application_1794634903879_0456_1.jsonl',
    ]);
    const { summaries } = await summarizeEventLogs([path.join(logs, 'application_1700000000000_0001_1')]);
    const text = await readFile(path.join(out, 'dt=2023-11-14/application_1700000000000_0001_1.jsonl'), 'utf8');
    expect(text).toBe(`${JSON.stringify(toTableRow(summaries[0]!))}\n`);
    expect(fromTableRow(JSON.parse(text))).toEqual(summaries[0]);

    const second = await run('--event-logs', logs, '--out', out);
    expect(second).toEqual({ code: 0, stdout: 'read 0, written 0, skipped unchanged 7, waiting incomplete 1, failed 0\n', stderr: '' });
    expect(await files(out)).toEqual(written);

    await copyFile(fixture('tiny-app.gz'), path.join(logs, 'application_1700000000000_0001_1'));
    const third = await run('--event-logs', logs, '--out', out);
    expect(third).toEqual({ code: 0, stdout: 'read 1, written 1, skipped unchanged 6, waiting incomplete 1, failed 0\n', stderr: '' });
    const after = await files(out);
    expect(after.size).toBe(written.size);
    expect(after.get('dt=2023-11-14/application_1700000000000_0001_1.jsonl')).not.toBe(written.get('dt=2023-11-14/application_1700000000000_0001_1.jsonl'));
  });

  it('shows progress on stderr once a run lasts, and erases it before the counts', async () => {
    const dir = await tempDir();
    const logs = await logsDir(dir);
    let clock = 0;
    let stderr = '';
    let stdout = '';
    const io = { stdout: (text: string) => { stdout += text; }, stderr: (text: string) => { stderr += text; } };
    const code = await ingestCommand(['--event-logs', logs, '--out', path.join(dir, 'out'), '--concurrency', '1'], io, { progress: true, now: () => (clock += 400) });
    expect(code).toBe(0);
    expect(stderr).toContain('\ringesting: 3 of 8 logs (37%)');
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(stdout).toBe('read 6, written 6, skipped unchanged 0, waiting incomplete 1, failed 1\n');
  });

  it('does not take its own output for event logs when --out is inside --event-logs', async () => {
    const dir = await tempDir();
    const logs = await logsDir(dir);
    await run('--event-logs', logs, '--out', path.join(logs, 'table'));
    const again = await run('--event-logs', logs, '--out', path.join(logs, 'table'));
    expect(again).toEqual({ code: 0, stdout: 'read 0, written 0, skipped unchanged 7, waiting incomplete 1, failed 0\n', stderr: '' });
  });

  it('exits 1 when nothing could be read, and for a location that does not exist', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'junk'), 'nope\n');
    expect((await run('--event-logs', dir, '--out', path.join(dir, 'out'))).code).toBe(1);
    const missing = await run('--event-logs', path.join(dir, 'nope'), '--out', path.join(dir, 'out'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file or directory');
    expect((await run('--event-logs', dir)).code).toBe(2);
  });

  it('stops at an interruption with the finished logs in the checkpoint, and the next run does the rest', async () => {
    const dir = await tempDir();
    const logs = await logsDir(dir);
    const out = path.join(dir, 'out');
    const controller = new AbortController();
    const result = await ingestLogs({
      eventLogs: logs, out, concurrency: 1, signal: controller.signal, onProblem: () => undefined,
      onProgress: (done) => { if (done === 2) controller.abort(); },
    });
    expect(result.interrupted).toBe(true);
    const checkpoint = JSON.parse(await readFile(path.join(out, CHECKPOINT_FILE), 'utf8')) as { logs: Record<string, string> };
    const rows = [...(await files(out)).keys()].filter((name) => name.endsWith('.jsonl'));
    expect(Object.keys(checkpoint.logs)).toHaveLength(2);
    expect(rows).toHaveLength(2);
    const rest = await run('--event-logs', logs, '--out', out);
    expect(rest.stdout).toBe('read 4, written 4, skipped unchanged 2, waiting incomplete 1, failed 1\n');
  });
});

describe('ingest, S3 to S3', () => {
  const s3 = new FakeS3();
  const tempDir = useTempDirs();
  let restore: () => void;
  beforeAll(async () => { restore = useFakeS3Environment(await s3.start()); });
  afterAll(async () => { restore(); await s3.stop(); });
  beforeEach(() => { s3.buckets.clear(); s3.requests.length = 0; });

  it('lists across pages, writes rows with PutObject, retries throttling, and a second run puts nothing', async () => {
    const logs = await logsDir(await tempDir());
    for (const entry of await readdir(logs, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) s3.put('events', `spark/${path.relative(logs, path.join(entry.parentPath, entry.name))}`, await readFile(path.join(entry.parentPath, entry.name)));
    }
    s3.put('lake', 'README', 'the table');
    s3.pageSize = 2;
    s3.failNext(1, 503, 'SlowDown', 'put');
    s3.failNext(1, 500, 'InternalError', 'get');
    const first = await run('--event-logs', 's3://events/spark', '--out', 's3://lake/summaries/');
    expect(first.stdout).toBe('read 6, written 6, skipped unchanged 0, waiting incomplete 1, failed 1\n');
    expect(first.stderr).toBe('s3://events/spark/broken: no Spark listener events found, so it is not a Spark event log; skipped.\n');
    expect(s3.count('list')).toBeGreaterThan(3);
    const keys = s3.keys('lake');
    expect(keys).toContain(`summaries/${CHECKPOINT_FILE}`);
    expect(keys).toContain('summaries/dt=2026-11-21/application_1794634903879_0456_1.jsonl');
    expect(keys.filter((key) => key.endsWith('.jsonl'))).toHaveLength(6);
    const local = await tempDir();
    await run('--event-logs', logs, '--out', local);
    const row = 'dt=2023-11-14/application_1700000000000_0001_1.jsonl';
    expect(s3.get('lake', `summaries/${row}`)?.toString()).toBe(await readFile(path.join(local, row), 'utf8'));

    s3.requests.length = 0;
    const second = await run('--event-logs', 's3://events/spark', '--out', 's3://lake/summaries');
    expect(second.stdout).toBe('read 0, written 0, skipped unchanged 7, waiting incomplete 1, failed 0\n');
    expect(s3.count('put')).toBe(0);
    expect(s3.count('get')).toBe(1);

    s3.put('events', 'spark/application_1700000000000_0001_1', await readFile(fixture('tiny-app.gz')));
    const third = await run('--event-logs', 's3://events/spark', '--out', 's3://lake/summaries');
    expect(third.stdout).toBe('read 1, written 1, skipped unchanged 6, waiting incomplete 1, failed 0\n');
    expect(s3.keys('lake')).toEqual(keys);
  });

  it('says in one line when the output bucket cannot be written, and records nothing', async () => {
    s3.put('events', 'spark/app', await readFile(fixture('tiny-app')));
    const result = await run('--event-logs', 's3://events/spark', '--out', 's3://missing/out');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NoSuchBucket/);
  });
});
