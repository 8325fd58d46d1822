import { S3Client } from '@aws-sdk/client-s3';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { eventLogSource } from '../../../src/metrics/eventlog-source.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import { createS3Client } from '../../../src/metrics/s3/s3-client.js';
import { parseS3Url } from '../../../src/metrics/s3/s3-location.js';
import { findS3EventLogs } from '../../../src/metrics/s3/s3-log-store.js';
import type { MetricsQuery } from '../../../src/metrics/source.js';
import { FakeS3, useFakeS3Environment } from '../../support/fake-s3.js';
import { hasSharedEvents, sharedLog } from '../../support/shared-data.js';
import { fixture } from '../eventlog/support/fixtures.js';

const everything: MetricsQuery = { dag_id: null, task_id: null, since: 0, until: Number.MAX_SAFE_INTEGER };
const s3 = new FakeS3();
let restore: () => void;
let client: S3Client;

beforeAll(async () => {
  restore = useFakeS3Environment(await s3.start());
  client = createS3Client();
});
afterAll(async () => {
  client.destroy();
  restore();
  await s3.stop();
});
beforeEach(() => {
  s3.buckets.clear();
  s3.requests.length = 0;
  s3.pageSize = 1000;
  s3.put('logs', '.keep', '');
});

/** Uploads a local directory tree under a prefix. */
async function upload(dir: string, bucket: string, prefix: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await upload(full, bucket, `${prefix}/${entry.name}`);
    else s3.put(bucket, `${prefix}/${entry.name}`, await readFile(full));
  }
}

describe('parseS3Url', () => {
  it('splits bucket and prefix and refuses what is not an S3 location', () => {
    expect(parseS3Url('s3://my-bucket/spark/events/')).toEqual({ bucket: 'my-bucket', prefix: 'spark/events' });
    expect(parseS3Url('s3://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
    expect(() => parseS3Url('s3://')).toThrow('is not an S3 location');
    expect(() => parseS3Url('s3://Bad_Bucket/x')).toThrow('write it as s3://bucket/prefix');
  });
});

describe('findS3EventLogs', () => {
  it('groups keys as local directories are grouped, over several pages of the listing', async () => {
    s3.pageSize = 2;
    for (const key of [
      'spark/app-1', 'spark/nested/application_1_0002_1.zstd', 'spark/nested/.application_1_0002_1.zstd.crc',
      'spark/eventlog_v2_app-3/events_10_app-3.zstd', 'spark/eventlog_v2_app-3/events_2_app-3.zstd', 'spark/eventlog_v2_app-3/appstatus_app-3',
      'spark/eventlog_v2_app-4/events_1_app-4', 'spark/eventlog_v2_app-4/appstatus_app-4.inprogress',
      'spark/app-5.inprogress', 'spark/databricks/eventlog', 'spark/databricks/eventlog-2021-06-15--15-00.gz', 'spark/folder/', 'sparkle/other',
    ]) s3.put('logs', key, '{}\n');
    const { logs, problems } = await findS3EventLogs('s3://logs/spark', client);
    expect(problems).toEqual([]);
    expect(s3.count('list')).toBeGreaterThan(5);
    expect(logs.map(({ name, parts, incomplete }) => ({ name, parts, incomplete }))).toEqual([
      { name: 's3://logs/spark/app-1', parts: ['s3://logs/spark/app-1'], incomplete: undefined },
      { name: 's3://logs/spark/app-5.inprogress', parts: ['s3://logs/spark/app-5.inprogress'], incomplete: true },
      {
        name: 's3://logs/spark/databricks',
        parts: ['s3://logs/spark/databricks/eventlog-2021-06-15--15-00.gz', 's3://logs/spark/databricks/eventlog'],
        incomplete: undefined,
      },
      {
        name: 's3://logs/spark/eventlog_v2_app-3',
        parts: ['s3://logs/spark/eventlog_v2_app-3/events_2_app-3.zstd', 's3://logs/spark/eventlog_v2_app-3/events_10_app-3.zstd'],
        incomplete: undefined,
      },
      { name: 's3://logs/spark/eventlog_v2_app-4', parts: ['s3://logs/spark/eventlog_v2_app-4/events_1_app-4'], incomplete: true },
      { name: 's3://logs/spark/nested/application_1_0002_1.zstd', parts: ['s3://logs/spark/nested/application_1_0002_1.zstd'], incomplete: undefined },
    ]);
  });

  it('accepts a single object, and names a missing prefix or bucket on one line', async () => {
    s3.put('logs', 'one/app', '{}\n');
    expect((await findS3EventLogs('s3://logs/one/app', client)).logs.map((log) => log.name)).toEqual(['s3://logs/one/app']);
    expect((await findS3EventLogs('s3://logs/none', client)).problems).toEqual(['s3://logs/none: no objects under this prefix; check the path.']);
    const [problem] = (await findS3EventLogs('s3://nobucket/x', client)).problems;
    expect(problem).toMatch(/^s3:\/\/nobucket\/x: could not be listed \(NoSuchBucket.*s3:ListBucket\.$/);
  });
});

describe('summaries from S3', () => {
  it('reads plain, gzip and zstd objects to the same summaries as the local files, through SDK retries', async () => {
    for (const name of ['tiny-app', 'tiny-app.gz', 'tiny-app.zstd']) s3.put('logs', `f/${name}`, await readFile(fixture(name)));
    const local = await summarizeEventLogs([fixture('tiny-app')]);
    s3.failNext(1, 503, 'SlowDown');
    s3.failNext(1, 500, 'InternalError');
    const remote = await summarizeEventLogs(['s3://logs/f']);
    expect(remote.problems).toEqual([]);
    expect(remote.summaries).toHaveLength(3);
    for (const summary of remote.summaries) expect(summary).toEqual(local.summaries[0]);
    expect(s3.requests.slice(0, 3).map((request) => request.action)).toEqual(['list', 'list', 'list']);
  });

  it('as EVENT_LOG_DIR: reads an object again only when its ETag changed, and reports S3 failures without caching them', async () => {
    s3.put('logs', 'f/tiny-app', await readFile(fixture('tiny-app')));
    const source = eventLogSource('s3://logs/f');
    expect((await source.load(everything)).summaries).toHaveLength(1);
    expect((await source.load(everything)).summaries).toHaveLength(1);
    expect(s3.count('get')).toBe(1);
    s3.put('logs', 'f/tiny-app', await readFile(fixture('tiny-app.gz')));
    s3.failNext(3, 503, 'SlowDown', 'get');
    const down = await source.load(everything);
    expect(down.summaries).toEqual([]);
    expect(down.problems).toEqual([expect.stringMatching(/^s3:\/\/logs\/f\/tiny-app: could not be read \(GetObject failed: SlowDown/)]);
    expect(s3.count('get')).toBe(4);
    expect((await source.load(everything)).summaries).toHaveLength(1);
    expect(s3.count('get')).toBe(5);
  });

  it('serves summarize and diagnose --event-logs s3://… like local paths', async () => {
    s3.put('logs', 'cli/app', await readFile(fixture('tiny-app')));
    const output = async (...argv: string[]): Promise<{ code: number; stdout: string }> => {
      let stdout = '';
      const code = await main(argv, { stdout: (text) => { stdout += text; }, stderr: () => undefined });
      return { code, stdout };
    };
    expect(await output('summarize', 's3://logs/cli')).toEqual(await output('summarize', fixture('tiny-app')));
    const remote = await output('diagnose', '--event-logs', 's3://logs/cli', '--json', '--until', '2023-11-15', '--min-runs', '1');
    const local = await output('diagnose', '--event-logs', fixture('tiny-app'), '--json', '--until', '2023-11-15', '--min-runs', '1');
    expect(remote.code).toBe(0);
    expect(remote).toEqual(local);
    expect(JSON.parse(remote.stdout).tasks).toHaveLength(1);
  });

  it.skipIf(!hasSharedEvents)('equals the local summaries of real logs: plain, zstd, rolling zstd, Databricks rolled gzip', async () => {
    const base = 'NVIDIA-spark-rapids-tools/core/src/test/resources/spark-events-qualification';
    const dirs = [`${base}/eventlog_v2_local-1623876083964`, `${base}/db_sim_eventlog`];
    const files = ['apache-spark/core/src/test/resources/spark-events/application_1516285256255_0012', `${base}/aqeshuffle_eventlog.zstd`];
    for (const [index, dir] of dirs.entries()) await upload(sharedLog(dir), 'logs', `real/${index}/${path.basename(dir)}`);
    for (const file of files) s3.put('logs', `real/${path.basename(file)}`, await readFile(sharedLog(file)));
    s3.pageSize = 3;
    const remote = await summarizeEventLogs(['s3://logs/real']);
    const local = await summarizeEventLogs([...dirs, ...files].map((relative) => sharedLog(relative)));
    expect(remote.problems).toEqual(local.problems);
    const byId = (rows: typeof local.summaries): typeof local.summaries => [...rows].sort((a, b) => (`${a.app_id}/${a.attempt_id}` < `${b.app_id}/${b.attempt_id}` ? -1 : 1));
    expect(remote.summaries).toHaveLength(4);
    expect(byId(remote.summaries)).toEqual(byId(local.summaries));
  });
});
