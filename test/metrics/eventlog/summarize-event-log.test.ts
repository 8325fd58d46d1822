import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { summarizeEventLog } from '../../../src/metrics/eventlog/summarize-event-log.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import { fixture } from './support/fixtures.js';
import { useTempDirs } from './support/temp-dir.js';

const single = (file: string): { name: string; parts: string[] } => ({ name: file, parts: [file] });

describe('summarizeEventLog', () => {
  const tempDir = useTempDirs();

  it('summarizes a log, redacting secrets and skipping events it does not need', async () => {
    const { summary, problems } = await summarizeEventLog(single(fixture('tiny-app.zstd')));
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({
      app_id: 'application_1700000000000_0001', attempt_id: '1', status: 'succeeded', duration_ms: 4000,
      dag_id: 'tiny_dag', task_id: 'tiny_task', executor_memory_mb: 2048,
      tasks_total: 1, jobs_total: 1, stages_total: 1, executor_run_time_ms: 990, executor_cpu_time_ms: 800, input_bytes: 4096,
      executor_peak_jvm_heap_bytes: 734003200, executor_peak_offheap_bytes: 52428800, executor_peak_rss_bytes: null,
      executor_core_ms_allocated: 3000 * 2, metrics_quality: [
        'driver memory metrics are missing or all zero, so the driver peak is unknown',
        'task skew not measured: no stage had 10 or more successful tasks',
      ],
    });
    expect(summary?.spark_conf['spark.hadoop.fs.s3a.secret.key']).toBe('*********(redacted)');
  });

  it('counts a malformed line in metrics_quality instead of failing', async () => {
    const { summary, problems } = await summarizeEventLog(single(fixture('malformed-line')));
    expect(problems).toEqual([]);
    expect(summary?.tasks_total).toBe(0);
    expect(summary?.status).toBe('succeeded');
    expect(summary?.metrics_quality).toContain('1 unparsable line skipped (SparkListenerTaskEnd ×1)');
  });

  it('turns empty, garbage, unidentified and unsupported inputs into one problem each', async () => {
    const dir = await tempDir();
    const write = async (name: string, content: string | Buffer): Promise<string> => {
      const file = path.join(dir, name);
      await writeFile(file, content);
      return file;
    };
    const empty = await write('empty', '');
    const garbage = await write('garbage', 'hello\nworld\n');
    const noStart = await write('no-start', '{"Event":"SparkListenerLogStart","Spark Version":"3.1.1"}\n');
    const lz4 = await write('app-1.lz4', 'x');
    const results = await Promise.all([empty, garbage, noStart, lz4].map((file) => summarizeEventLog(single(file))));
    expect(results.map((result) => result.summary)).toEqual([null, null, null, null]);
    expect(results.map((result) => result.problems)).toEqual([
      [`${empty}: the file is empty, so it is not a Spark event log; skipped.`],
      [`${garbage}: no Spark listener events found, so it is not a Spark event log; skipped.`],
      [`${noStart}: no SparkListenerApplicationStart event, so the application cannot be identified; skipped.`],
      [`${lz4}: codec lz4 not supported yet; decompress it first; skipped.`],
    ]);
  });

  it('keeps what it read of a log whose compressed stream breaks, marked incomplete', async () => {
    const dir = await tempDir();
    const lines = (await readFile(fixture('tiny-app'), 'utf8')).split('\n');
    const filler = Array.from({ length: 20_000 }, (_, i) => `{"Event":"SparkListenerBlockUpdated","Block Updated Info":{"Block ID":"rdd_${i}"}}`);
    const gz = gzipSync([...lines.slice(0, 4), ...filler, ...lines.slice(4)].join('\n'));
    const file = path.join(dir, 'broken.gz');
    await writeFile(file, gz.subarray(0, Math.floor(gz.length / 2)));
    const { summary, problems } = await summarizeEventLog(single(file));
    expect(problems).toEqual([`${file}: could not be read to the end (unexpected end of file).`]);
    expect(summary).toMatchObject({ app_id: 'application_1700000000000_0001', status: 'incomplete', tasks_total: 0 });
    expect(summary?.metrics_quality.at(-1)).toBe('the log could not be read to the end (unexpected end of file); figures cover the part read');
  });
});

describe('summarizeEventLogs', () => {
  const tempDir = useTempDirs();

  it('summarizes every log under a directory and reports the bad ones', async () => {
    const dir = await tempDir();
    await copyFile(fixture('tiny-app.gz'), path.join(dir, 'application_1700000000000_0001_1.gz'));
    await writeFile(path.join(dir, 'notes.txt'), 'not a log\n');
    const { summaries, problems } = await summarizeEventLogs([dir, path.join(dir, 'missing')]);
    expect(summaries.map((row) => row.app_id)).toEqual(['application_1700000000000_0001']);
    expect(problems).toEqual([
      `${path.join(dir, 'missing')}: no such file or directory; check the path.`,
      `${path.join(dir, 'notes.txt')}: no Spark listener events found, so it is not a Spark event log; skipped.`,
    ]);
  });
});
