import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEventLogs } from '../../../src/metrics/eventlog/find-event-logs.js';
import { useTempDirs } from './support/temp-dir.js';

describe('findEventLogs', () => {
  const tempDir = useTempDirs();

  async function tree(root: string, files: string[]): Promise<void> {
    for (const file of files) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), '{}\n');
    }
  }

  it('finds plain logs recursively, groups rolling logs and skips markers', async () => {
    const root = await tempDir();
    await tree(root, [
      'app-1',
      'nested/application_1_0002_1.zstd',
      'nested/.application_1_0002_1.zstd.crc',
      'eventlog_v2_app-3/events_10_app-3.zstd',
      'eventlog_v2_app-3/events_2_app-3.zstd',
      'eventlog_v2_app-3/appstatus_app-3',
      'appstatus_app-9.inprogress',
      'databricks/eventlog',
      'databricks/eventlog-2021-06-15--16-00.gz',
      'databricks/eventlog-2021-06-15--15-00.gz',
    ]);
    const { logs, problems } = await findEventLogs([root]);
    expect(problems).toEqual([]);
    expect(logs).toEqual([
      { name: path.join(root, 'app-1'), parts: [path.join(root, 'app-1')] },
      {
        name: path.join(root, 'databricks'),
        parts: ['eventlog-2021-06-15--15-00.gz', 'eventlog-2021-06-15--16-00.gz', 'eventlog'].map((name) => path.join(root, 'databricks', name)),
      },
      {
        name: path.join(root, 'eventlog_v2_app-3'),
        parts: ['events_2_app-3.zstd', 'events_10_app-3.zstd'].map((name) => path.join(root, 'eventlog_v2_app-3', name)),
      },
      { name: path.join(root, 'nested/application_1_0002_1.zstd'), parts: [path.join(root, 'nested/application_1_0002_1.zstd')] },
    ]);
  });

  it('accepts files and rolling directories given directly, and reports missing paths', async () => {
    const root = await tempDir();
    await tree(root, ['a', 'eventlog_v2_x/events_1_x']);
    const missing = path.join(root, 'nope');
    const empty = path.join(root, 'eventlog_v2_empty');
    await mkdir(empty);
    const { logs, problems } = await findEventLogs([path.join(root, 'a'), path.join(root, 'eventlog_v2_x'), missing, empty]);
    expect(logs.map((log) => log.name)).toEqual([path.join(root, 'a'), path.join(root, 'eventlog_v2_x')]);
    expect(problems).toEqual([
      `${missing}: no such file or directory; check the path.`,
      `${empty}: rolling event-log directory without events_* files; skipped.`,
    ]);
  });

  it('marks logs Spark is still writing: .inprogress files and rolling logs with an .inprogress status marker', async () => {
    const root = await tempDir();
    await tree(root, ['app-1.zstd.inprogress', 'eventlog_v2_a/events_1_a', 'eventlog_v2_a/appstatus_a.inprogress', 'eventlog_v2_b/events_1_b', 'eventlog_v2_b/appstatus_b']);
    const { logs } = await findEventLogs([root]);
    expect(logs.map((log) => [path.basename(log.name), log.incomplete ?? false])).toEqual([
      ['app-1.zstd.inprogress', true], ['eventlog_v2_a', true], ['eventlog_v2_b', false],
    ]);
  });
});
