import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attemptPlan } from '../../src/generator/schedule-stage.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';

const NOW = new Date('2026-11-21T09:30:00Z');
const GIB = 1024 ** 3;
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function generate(name: string): Promise<{ files: string[]; rows: ApplicationSummary[] }> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-planted-'));
  dirs.push(outDir);
  const files = await generateScenario(name, { outDir, now: NOW });
  const { summaries, problems } = await summarizeEventLogs(files);
  expect(problems).toEqual([]);
  return { files, rows: summaries };
}

const pick = (rows: ApplicationSummary[], column: keyof ApplicationSummary): unknown[] => rows.map((row) => row[column]);

describe('scenarios with planted problems', () => {
  it('baseline: five clean runs', async () => {
    const { rows } = await generate('baseline');
    expect(pick(rows, 'status')).toEqual(Array(5).fill('succeeded'));
    for (const row of rows) {
      expect(row).toMatchObject({ dag_id: 'planted_baseline', task_id: 'transform', tasks_total: 192, tasks_failed: 0, executor_memory_mb: 8192, metrics_quality: [] });
      expect((row.executor_peak_jvm_heap_bytes ?? 0) / (8 * GIB)).toBeGreaterThanOrEqual(0.72);
      expect((row.executor_peak_jvm_heap_bytes ?? 0) / (8 * GIB)).toBeLessThanOrEqual(0.85);
    }
  });

  it('gc-heavy: the executors\' GC counters grow over their lives, half of their GC time in full collections', async () => {
    const { rows } = await generate('gc-heavy');
    for (const row of rows) {
      // 4-core executors: each pause counts in the GC time of every task it stops, so the executors' own is a quarter
      expect((row.executor_major_gc_time_ms ?? 0) / ((row.jvm_gc_time_ms ?? 1) / 4)).toBeCloseTo(0.5, 2);
    }
    const { rows: baseline } = await generate('baseline');
    expect(pick(baseline, 'executor_major_gc_time_ms')).toEqual(Array(5).fill(0));
  });

  it('oom-failures: run 3 retries 2 OutOfMemoryError tasks, runs 4–5 fail after 4 attempts, and executors that died are replaced', async () => {
    const { rows } = await generate('oom-failures');
    expect(pick(rows, 'status')).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed', 'failed']);
    expect(pick(rows, 'tasks_failed')).toEqual([0, 0, 2, 4, 4]);
    expect(rows[2]?.failure_causes).toEqual([{ cause: 'ExceptionFailure: java.lang.OutOfMemoryError', count: 2 }]);
    expect(rows[3]?.failure_reason).toMatch(/^Job aborted due to stage failure: Task 0 in stage 1\.0 failed 4 times, .*java\.lang\.OutOfMemoryError: Java heap space/);
    expect(rows[3]?.executors_added).toBeGreaterThan(6);
    expect(rows[3]?.jobs_failed).toBe(1);
  });

  it('overhead-kills: executors lost to YARN memory-limit kills and exit 137, retried', async () => {
    const { rows } = await generate('overhead-kills');
    expect(pick(rows, 'status')).toEqual(Array(5).fill('succeeded'));
    expect(rows[3]?.failure_causes).toEqual([{ cause: 'ExecutorLostFailure (exceeding memory limits)', count: 2 }]);
    expect(rows[4]?.failure_causes).toEqual([{ cause: 'ExecutorLostFailure (exit code 137)', count: 1 }]);
    expect(pick(rows, 'oom_failures')).toEqual([0, 0, 0, 2, 1]);
  });

  it('flaky-fetch-failures: two runs fetch-fail 3 tasks and retry the stage as attempt 1', async () => {
    const { rows } = await generate('flaky-fetch-failures');
    expect(pick(rows, 'fetch_failures')).toEqual([0, 3, 0, 3, 0]);
    expect(pick(rows, 'stage_attempts_retried')).toEqual([0, 1, 0, 1, 0]);
    expect(pick(rows, 'stages_failed')).toEqual([0, 1, 0, 1, 0]);
    expect(pick(rows, 'tasks_total')).toEqual([192, 195, 192, 195, 192]);
  });

  it('spill, skew and failing-job show up in the summary columns', async () => {
    const spill = (await generate('spill')).rows;
    for (const row of spill) {
      expect(row.stages_with_spill).toBe(1);
      expect((row.memory_bytes_spilled ?? 0) / ((row.input_bytes ?? 0) + (row.shuffle_read_bytes ?? 0))).toBeCloseTo(1 / 3, 1);
      expect(row.disk_bytes_spilled).toBeCloseTo((row.memory_bytes_spilled ?? 0) / 3, -3);
    }
    const skewed = (await generate('skewed-stage')).rows;
    for (const row of skewed) expect(row.task_duration_max_ms).toBeGreaterThan(200_000);
    const failing = (await generate('failing-job')).rows;
    expect(pick(failing, 'status')).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed', 'failed']);
    expect(failing[4]?.failure_causes).toEqual([{ cause: 'ExceptionFailure: java.io.FileNotFoundException', count: 4 }]);
    expect(failing[4]?.jobs_total).toBe(1);
  });

  it('bad-da-bounds and da-max-unreached set dynamic allocation', async () => {
    const bounds = (await generate('bad-da-bounds')).rows[0];
    expect(bounds).toMatchObject({
      dynamic_allocation_enabled: true, dynamic_allocation_min_executors: 4, dynamic_allocation_initial_executors: 2,
      dynamic_allocation_max_executors: 6, executor_instances: 8, executors_max_concurrent: 6,
    });
    expect((await generate('da-max-unreached')).rows[0]).toMatchObject({ dynamic_allocation_enabled: true, dynamic_allocation_max_executors: 40 });
  });
});

describe('attemptPlan', () => {
  const stage = { name: 's', tasks: 4, taskMs: { min: 1, max: 2 }, inputBytesPerTask: 0, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 0, heapFactor: 1 };

  it('puts failed attempts first and makes their retries wait for them', () => {
    expect(attemptPlan({ ...stage, failures: { kind: 'oom', tasks: 2 } })).toEqual([
      { index: 0, attempt: 0, fails: true },
      { index: 1, attempt: 0, fails: true },
      { index: 0, attempt: 1, fails: false, after: 0 },
      { index: 1, attempt: 1, fails: false, after: 1 },
      { index: 2, attempt: 0, fails: false },
      { index: 3, attempt: 0, fails: false },
    ]);
  });

  it('fails task 0 four times when fatal, and marks fetch failures in place', () => {
    expect(attemptPlan({ ...stage, failures: { kind: 'exception', tasks: 1, fatal: true } }).filter((a) => a.fails).map((a) => a.attempt)).toEqual([0, 1, 2, 3]);
    expect(attemptPlan({ ...stage, failures: { kind: 'fetch-failed', tasks: 1 } }).map((a) => a.fails)).toEqual([true, false, false, false]);
  });
});

describe('the walking skeleton’s scenarios', () => {
  // sha256 over each file's name and bytes, as generated before the planted problems existed
  it.each([
    ['overprovisioned-memory', {}, '458c10eacb725fb7615df921d2f1921bad1e49a5760525d30a12816b841cc2a8'],
    ['healthy', {}, 'f25b456cbb65c5bb177937c6a6fe02824300007f64d2da62000918c944285198'],
    ['healthy', { seed: 5 }, '356566a3e365a05bc68c72d8d21dc2ead77351309eee3c83132cc547416516ab'],
    ['large', { targetBytes: 3_000_000 }, 'f7bc6051ea72cf44c4b42e2f3c8224c343d4e0edb425457ca74024c76e007e28'],
  ])('%s %j is byte-identical', async (name, options, expected) => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-same-'));
    dirs.push(outDir);
    const files = await generateScenario(name, { outDir, now: NOW, ...options });
    const hash = createHash('sha256');
    for (const file of files) hash.update(path.basename(file)).update(await readFile(file));
    expect(hash.digest('hex')).toBe(expected);
  });
});
