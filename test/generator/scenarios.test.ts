import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateScenario, scenarios } from '../../src/generator/scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';

const NOW = new Date('2026-11-21T09:30:00Z');
const HOUR = 3_600_000;
const GIB = 1024 ** 3;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function generate(name: string, options: { seed?: number; targetBytes?: number } = {}): Promise<{ files: string[]; rows: ApplicationSummary[] }> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-gen-'));
  dirs.push(outDir);
  const files = await generateScenario(name, { outDir, now: NOW, ...options });
  const { summaries, problems } = await summarizeEventLogs(files);
  expect(problems).toEqual([]);
  return { files, rows: summaries };
}

describe('scenarios', () => {
  it('each has a one-line description', () => {
    expect(Object.keys(scenarios)).toEqual(expect.arrayContaining(['overprovisioned-memory', 'healthy', 'large']));
    for (const scenario of Object.values(scenarios)) expect(scenario.description).toMatch(/^[^\n]{10,160}$/);
  });

  it('overprovisioned-memory: five daily load_orders runs whose heap peaks near a third of 16g', async () => {
    const { files, rows } = await generate('overprovisioned-memory');
    expect(files).toHaveLength(5);
    expect(files.every((file) => /^application_\d{13}_\d{4}_1$/.test(path.basename(file)))).toBe(true);
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'succeeded', attempt_id: '1', app_name: 'daily_sales.load_orders', master: 'yarn', spark_version: '3.5.1',
        dag_id: 'daily_sales', task_id: 'load_orders', try_number: 1,
        executor_memory_mb: 16 * 1024, executor_cores: 4, executor_instances: 8, driver_memory_mb: 4096, shuffle_partitions: 200,
        jobs_total: 2, jobs_failed: 0, stages_total: 3, stages_failed: 0, tasks_total: 128 + 200 + 32, tasks_failed: 0,
        executors_added: 8, metrics_quality: [],
      });
      expect(row.app_id).toBe(path.basename(files[rows.indexOf(row)] ?? '').replace(/_1$/, ''));
      expect(row.run_id).toMatch(/^scheduled__\d{4}-\d{2}-\d{2}T02:00:00\+00:00$/);
      const peak = row.executor_peak_jvm_heap_bytes ?? 0;
      expect(peak).toBeGreaterThanOrEqual(4.8 * GIB);
      expect(peak).toBeLessThanOrEqual(5.6 * GIB);
      expect(peak / (16 * GIB)).toBeCloseTo(1 / 3, 1);
      expect(row.slot_utilization).toBeGreaterThan(0.6);
      expect(row.gc_time_ratio).toBeLessThan(0.05);
    }
    const starts = rows.map((row) => row.start_time ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (let i = 1; i < starts.length; i += 1) expect(Math.abs((starts[i] ?? 0) - (starts[i - 1] ?? 0) - 24 * HOUR)).toBeLessThan(5 * 60_000);
    expect(new Set(rows.map((row) => row.run_id)).size).toBe(5);
    const sinceLastEnd = NOW.getTime() - (rows.at(-1)?.end_time ?? 0);
    expect(sinceLastEnd).toBeGreaterThan(50 * 60_000);
    expect(sinceLastEnd).toBeLessThan(70 * 60_000);
  });

  it('healthy: six hourly aggregate runs with peaks at 75–85% of 4g', async () => {
    const { rows } = await generate('healthy');
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'succeeded', dag_id: 'hourly_events', task_id: 'aggregate', executor_memory_mb: 4096, executor_cores: 2,
        executor_instances: 4, executors_added: 4, tasks_total: 96, stages_total: 2, jobs_total: 1,
      });
      const ratio = (row.executor_peak_jvm_heap_bytes ?? 0) / (4 * GIB);
      expect(ratio).toBeGreaterThanOrEqual(0.75);
      expect(ratio).toBeLessThanOrEqual(0.85);
      expect(row.slot_utilization).toBeGreaterThan(0.6);
      expect(row.gc_time_ratio).toBeLessThan(0.1);
    }
  });

  it('large: one run that grows to the target size', async () => {
    const { files, rows } = await generate('large', { targetBytes: 3_000_000 });
    expect(files).toHaveLength(1);
    expect((await stat(files[0] ?? '')).size).toBeGreaterThanOrEqual(3_000_000);
    expect(rows[0]).toMatchObject({ status: 'succeeded', dag_id: 'daily_sales', executor_memory_mb: 16 * 1024, tasks_failed: 0 });
    expect((rows[0]?.tasks_total ?? 0) % 360).toBe(0);
    expect(rows[0]?.tasks_total).toBeGreaterThan(360);
  });

  it('is reproducible for the same seed and now, and varies with the seed', async () => {
    const first = await generate('healthy', { seed: 5 });
    const again = await generate('healthy', { seed: 5 });
    const other = await generate('healthy', { seed: 6 });
    const hashes = (files: string[]): Promise<string[]> =>
      Promise.all(files.map(async (file) => createHash('sha256').update(await readFile(file)).digest('hex')));
    expect(first.files.map((file) => path.basename(file))).toEqual(again.files.map((file) => path.basename(file)));
    expect(await hashes(again.files)).toEqual(await hashes(first.files));
    expect((await hashes(other.files))[0]).not.toBe((await hashes(first.files))[0]);
  });

  it('refuses an unknown scenario with the known names', async () => {
    await expect(generateScenario('nope', { outDir: tmpdir(), now: NOW })).rejects.toThrow(
      /^Unknown scenario "nope"; choose one of: overprovisioned-memory, healthy, large, baseline, oom-failures, .*, failing-job, verify-held, .*, verify-noisy\.$/,
    );
  });
});
