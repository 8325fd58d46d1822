import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { summarize } from './support/cli.js';
import { expectAgreement, historyFigures } from './support/history-figures.js';
import { startHistoryServer } from './support/history-server.js';
import { dagFileConf, ROOT, setupSpark, submit, type SparkEnv } from './support/spark.js';

/**
 * The previous major too: the healthy and the spill workloads run twice each on pyspark 3.5.x (its own venv, same
 * local-cluster, same event-log settings), and every summary row is checked against Spark 3.5's own History Server.
 * `SPARK_WORKLOADS` picks a subset here as well; the event logs stay in `.cache/spark35-runs`. Timings are printed, never asserted.
 */
const ALL = ['healthy', 'spill'];
const asked = process.env['SPARK_WORKLOADS']?.split(',').map((name) => name.trim()).filter(Boolean);
const WORKLOADS = asked ? ALL.filter((name) => asked.includes(name)) : ALL;
const RUNS = 2;

let env: SparkEnv;
let logDir = '';
let rows: ApplicationSummary[] = [];
const timings: string[] = [];

describe.skipIf(WORKLOADS.length === 0)('real Spark 3.5: both majors are read', () => {
  beforeAll(async () => {
    const started = Date.now();
    env = setupSpark('3.5');
    timings.push(`setup 3.5: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    logDir = path.join(ROOT, '.cache/spark35-runs');
    await rm(logDir, { recursive: true, force: true });
    await mkdir(logDir, { recursive: true });
    for (let i = 1; i <= RUNS; i++) {
      for (const workload of WORKLOADS) {
        const dagId = `real_${workload}`;
        const conf = dagFileConf(path.join(ROOT, 'test/spark/dag-repo/dags', `${dagId}.py`), { dagId, runId: `scheduled__spark35_${i}_${Date.now()}` });
        const result = submit(env, workload, conf, logDir);
        timings.push(`3.5 #${i} ${workload}: ${(result.ms / 1000).toFixed(1)} s`);
        if (result.status !== 0) throw new Error(`${workload} on Spark 3.5 exited ${result.status}:\n${result.output.slice(-3000)}`);
      }
    }
    rows = summarize(logDir);
  }, 1_200_000);

  afterAll(async () => {
    console.log(`real Spark 3.5 timings:\n${timings.join('\n')}`);
  });

  it('summarizes what Spark 3.5 writes: one linked row per run, version 3.5.x', () => {
    expect(rows).toHaveLength(RUNS * WORKLOADS.length);
    for (const row of rows) {
      expect(row.spark_version).toMatch(/^3\.5\.\d+$/);
      expect(row).toMatchObject({ task_id: 'run', try_number: 1, status: 'succeeded', jobs_failed: 0, tasks_failed: 0 });
      expect(row.executors_added).toBeGreaterThanOrEqual(1);
      expect(row.executor_memory_mb_ms_allocated).toBeGreaterThan(0);
    }
    for (const row of rows.filter((r) => r.dag_id === 'real_spill')) {
      expect(row.memory_bytes_spilled).toBeGreaterThan(0);
      expect(row.shuffle_partitions).toBe(2);
    }
  });

  it("agrees with Spark 3.5's own History Server on every run: jobs, stages, tasks, spill, shuffle, peak heaps", async () => {
    const last = rows.at(-1)!;
    const server = await startHistoryServer(env, logDir, last.app_id);
    try {
      for (const row of rows) expectAgreement(row, await historyFigures(server, row.app_id));
    } finally {
      await server.stop();
    }
  }, 300_000);
});
