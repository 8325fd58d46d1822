import { copyFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generator/scenarios.js';
import { eventLogSource, matches } from '../../src/metrics/eventlog-source.js';
import type { MetricsQuery } from '../../src/metrics/source.js';
import { emptySummary } from '../../src/metrics/empty-summary.js';
import { fixture } from './eventlog/support/fixtures.js';
import { useTempDirs } from './eventlog/support/temp-dir.js';

const NOW = new Date('2026-11-21T12:00:00Z');
const DAY = 86_400_000;
const everything: MetricsQuery = { dag_id: null, task_id: null, since: 0, until: Number.MAX_SAFE_INTEGER };

describe('eventLogSource', () => {
  const tempDir = useTempDirs();

  it('returns the rows of the asked DAG task within the window, and the unreadable files as problems', async () => {
    const dir = await tempDir();
    await generateScenario('overprovisioned-memory', { outDir: path.join(dir, 'sales'), now: NOW, seed: 7 });
    await copyFile(fixture('tiny-app'), path.join(dir, 'application_1700000000000_0001_1'));
    await writeFile(path.join(dir, 'broken'), 'not an event log\n');
    const source = eventLogSource(dir);
    expect(source.name).toBe('eventlogs');

    const all = await source.load(everything);
    expect(all.summaries).toHaveLength(6);
    expect(all.problems).toEqual([`${path.join(dir, 'broken')}: no Spark listener events found, so it is not a Spark event log; skipped.`]);

    const lastThreeDays = await source.load({ dag_id: 'daily_sales', task_id: 'load_orders', since: NOW.getTime() - 3 * DAY, until: NOW.getTime() });
    expect(lastThreeDays.summaries).toHaveLength(3);
    expect(lastThreeDays.summaries.every((row) => row.dag_id === 'daily_sales' && row.task_id === 'load_orders')).toBe(true);

    expect((await source.load({ ...everything, dag_id: 'tiny_dag', task_id: 'other' })).summaries).toEqual([]);
    expect((await source.load({ ...everything, dag_id: 'tiny_dag' })).summaries.map((row) => row.app_id)).toEqual(['application_1700000000000_0001']);
  });

  it('re-reads a log that changed, forgets one that is gone, and hands out copies', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'app');
    await copyFile(fixture('tiny-app'), file);
    const source = eventLogSource(dir);
    const first = await source.load(everything);
    const row = first.summaries[0];
    if (row) row.dag_id = 'mutated';
    expect((await source.load(everything)).summaries[0]?.dag_id).toBe('tiny_dag');
    await copyFile(fixture('malformed-line'), file);
    expect((await source.load(everything)).summaries[0]?.tasks_total).toBe(0);
    await rm(file);
    expect(await source.load(everything)).toEqual({ summaries: [], problems: [] });
  });
});

describe('matches', () => {
  it('needs a start time inside the window and the asked DAG and task', () => {
    const row = { ...emptySummary('a'), dag_id: 'd', task_id: 't', start_time: 100 };
    expect(matches(row, { dag_id: 'd', task_id: 't', since: 100, until: 100 })).toBe(true);
    expect(matches(row, { dag_id: 'd', task_id: null, since: 0, until: 99 })).toBe(false);
    expect(matches(row, { dag_id: 'x', task_id: null, since: 0, until: 200 })).toBe(false);
    expect(matches({ ...row, start_time: null }, { dag_id: null, task_id: null, since: 0, until: 200 })).toBe(false);
  });

  it('keeps only the listed DAG ids when no single DAG is asked', () => {
    const row = { ...emptySummary('a'), dag_id: 'd', task_id: 't', start_time: 100 };
    expect(matches(row, { dag_id: null, dag_ids: ['x', 'd'], task_id: null, since: 0, until: 200 })).toBe(true);
    expect(matches(row, { dag_id: null, dag_ids: ['x'], task_id: null, since: 0, until: 200 })).toBe(false);
    expect(matches(row, { dag_id: null, dag_ids: [], task_id: null, since: 0, until: 200 })).toBe(false);
    expect(matches({ ...row, dag_id: null }, { dag_id: null, dag_ids: ['d'], task_id: null, since: 0, until: 200 })).toBe(false);
  });
});
