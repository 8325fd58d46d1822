import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { cli, summarize } from './support/cli.js';
import { committedConf, createFixtureRepo, tunedBranches } from './support/fixture-repo.js';
import { expectAgreement, historyFigures } from './support/history-figures.js';
import { startHistoryServer } from './support/history-server.js';
import { dagFileConf, ROOT, setupSpark, submit, type SparkEnv } from './support/spark.js';

/**
 * The previous major too: the healthy and the spill workloads run 3 times each on pyspark 3.5.x (its own venv, same
 * local-cluster, same event-log settings); every summary row is checked against Spark 3.5's own History Server, and
 * the tune loop runs on them: `tune` commits a proposal for the spill job only, and one more 3.5 run with the committed
 * conf spills less. `SPARK_WORKLOADS` picks a subset here as well; the event logs stay in
 * `.cache/spark35-runs/{before,after}`. Timings are printed, never asserted.
 */
const ALL = ['healthy', 'spill'];
const asked = process.env['SPARK_WORKLOADS']?.split(',').map((name) => name.trim()).filter(Boolean);
const WORKLOADS = asked ? ALL.filter((name) => asked.includes(name)) : ALL;
const RUNS = 3;
const RUNS_DIR = path.join(ROOT, '.cache/spark35-runs');

let env: SparkEnv;
let logDir = '';
let work = '';
let rows: ApplicationSummary[] = [];
const timings: string[] = [];

function submit35(workload: string, conf: Record<string, string>, dir: string, label: string): void {
  const result = submit(env, workload, conf, dir);
  timings.push(`3.5 ${label} ${workload}: ${(result.ms / 1000).toFixed(1)} s`);
  if (result.status !== 0) throw new Error(`${workload} on Spark 3.5 exited ${result.status}:\n${result.output.slice(-3000)}`);
}

describe.skipIf(WORKLOADS.length === 0)('real Spark 3.5: both majors are read', () => {
  beforeAll(async () => {
    const started = Date.now();
    env = setupSpark('3.5');
    timings.push(`setup 3.5: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    logDir = path.join(RUNS_DIR, 'before');
    await rm(RUNS_DIR, { recursive: true, force: true });
    await mkdir(logDir, { recursive: true });
    for (let i = 1; i <= RUNS; i++) {
      for (const workload of WORKLOADS) {
        const dagId = `real_${workload}`;
        const conf = dagFileConf(path.join(ROOT, 'test/spark/dag-repo/dags', `${dagId}.py`), { dagId, runId: `scheduled__spark35_${i}_${Date.now()}` });
        submit35(workload, conf, logDir, `#${i}`);
      }
    }
    rows = summarize(logDir);
  }, 1_200_000);

  afterAll(async () => {
    console.log(`real Spark 3.5 timings:\n${timings.join('\n')}`);
    if (work) await rm(work, { recursive: true, force: true });
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

  it.skipIf(!WORKLOADS.includes('spill'))('the tune loop on 3.5: a proposal for the spill job only, and the committed conf spills less', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'spark-tuner-real35-'));
    const repo = await createFixtureRepo(path.join(work, 'repo'));
    const result = cli('tune', '--event-logs', logDir, '--repo', repo);
    expect(result.code, result.stderr).toBe(0);
    expect(await tunedBranches(repo)).toEqual(['spark-tuner/real_spill']);
    if (WORKLOADS.includes('healthy')) expect(result.stderr).toContain('No change proposed for real_healthy');
    const conf = await committedConf(repo, 'real_spill', `manual__spark35_after_${Date.now()}`);
    expect(Number(conf['spark.sql.shuffle.partitions'])).toBeGreaterThan(2);
    const afterDir = path.join(RUNS_DIR, 'after');
    submit35('spill', conf, afterDir, 'after');
    const [after, ...more] = summarize(afterDir);
    expect(more).toEqual([]);
    expect(after).toMatchObject({ spark_version: expect.stringMatching(/^3\.5\./), status: 'succeeded', tasks_failed: 0, oom_failures: 0 });
    const spilled = rows.filter((row) => row.dag_id === 'real_spill').map((row) => row.memory_bytes_spilled ?? 0);
    expect(after!.memory_bytes_spilled ?? 0).toBeLessThan(Math.min(...spilled));
  }, 600_000);
});
