import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { git } from '../../src/publish/local/run-git.js';
import { PERSON } from '../support/temp-git-repo.js';
import { cli, summarize } from './support/cli.js';
import { startHistoryServer } from './support/history-server.js';
import { dagConf, dagFileConf, ROOT, setupSpark, submit, type SparkEnv } from './support/spark.js';

/**
 * Proof on real Spark: each workload plants one problem, runs 3 times on a local-cluster (executors are their own
 * JVMs), `spark-tuner tune` edits the fixture DAG repository, and one more run with the committed conf shows the
 * problem gone. Timings are printed, never asserted.
 */
const WORKLOADS = ['overprovisioned_memory', 'spill', 'healthy'] as const;
type Workload = (typeof WORKLOADS)[number];
const RUNS = 3;

let env: SparkEnv;
let work = '';
let repo = '';
let before: ApplicationSummary[] = [];
const timings: string[] = [];

const dagId = (workload: Workload): string => `real_${workload}`;
const dagFile = (workload: Workload): string => path.join(ROOT, 'test/spark/dag-repo/dags', `${dagId(workload)}.py`);

function run(workload: Workload, conf: Record<string, string>, logDir: string, label: string): void {
  const result = submit(env, workload, conf, logDir);
  timings.push(`${label} ${workload}: ${(result.ms / 1000).toFixed(1)} s`);
  if (result.status !== 0) throw new Error(`${workload} exited ${result.status}:\n${result.output.slice(-3000)}`);
}

function runsOf(rows: ApplicationSummary[], workload: Workload): ApplicationSummary[] {
  return rows.filter((row) => row.dag_id === dagId(workload));
}

async function committedConf(workload: Workload, runId: string): Promise<Record<string, string>> {
  const source = await git(['show', `spark-tuner/${dagId(workload)}:dags/${dagId(workload)}.py`], { cwd: repo });
  return dagConf(source, { dagId: dagId(workload), runId });
}

const sum = (rows: ApplicationSummary[], pick: (row: ApplicationSummary) => number | null): number =>
  rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
const mean = (rows: ApplicationSummary[], pick: (row: ApplicationSummary) => number | null): number => sum(rows, pick) / rows.length;

describe('real Spark: plant, tune, run again', () => {
  beforeAll(async () => {
    const started = Date.now();
    env = setupSpark();
    timings.push(`setup: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    work = await mkdtemp(path.join(tmpdir(), 'spark-tuner-real-'));
    repo = path.join(work, 'repo');
    await cp(path.join(ROOT, 'test/spark/dag-repo'), repo, { recursive: true });
    await git(['init', '--quiet', '--initial-branch=main'], { cwd: repo });
    await git(['add', '-A'], { cwd: repo });
    await git(['commit', '--quiet', '-m', 'DAGs'], { cwd: repo, env: PERSON });
    for (let i = 1; i <= RUNS; i++) {
      for (const workload of WORKLOADS) {
        const runId = `scheduled__before_${i}_${Date.now()}`;
        run(workload, dagFileConf(dagFile(workload), { dagId: dagId(workload), runId }), path.join(work, 'before'), `before #${i}`);
      }
    }
    before = summarize(path.join(work, 'before'));
  }, 1_500_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('summarizes what today\'s Spark writes: one succeeded row per run, linked, with peaks', () => {
    expect(before).toHaveLength(RUNS * WORKLOADS.length);
    for (const row of before) {
      expect(row).toMatchObject({ status: 'succeeded', task_id: 'run', try_number: 1, jobs_failed: 0, tasks_failed: 0, executors_added: 1 });
      expect(row.spark_version).toMatch(/^4\./);
      // A job shorter than a heartbeat may report all-zero peaks: then null with a note, never a silent 0.
      if (row.executor_peak_jvm_heap_bytes === null) expect(row.metrics_quality.join(' ')).toContain('executor peak memory is unknown');
      if (row.driver_peak_jvm_heap_bytes === null) expect(row.metrics_quality.join(' ')).toContain('driver peak is unknown');
      expect(row.executor_peak_jvm_heap_bytes).not.toBe(0);
      if (row.dag_id !== dagId('healthy')) expect(row.executor_peak_jvm_heap_bytes).toBeGreaterThan(0);
      expect(row.tasks_total).toBeGreaterThan(0);
      expect(row.executor_memory_mb_ms_allocated).toBeGreaterThan(0);
    }
    expect(new Set(before.map((row) => row.run_id)).size).toBe(before.length);
    for (const row of runsOf(before, 'spill')) {
      expect(row.memory_bytes_spilled).toBeGreaterThan(0);
      expect(row.shuffle_partitions).toBe(2);
    }
    for (const row of runsOf(before, 'overprovisioned_memory')) {
      expect(row.executor_memory_mb).toBe(4096);
      expect(row.executor_peak_jvm_heap_bytes!).toBeLessThan(0.7 * 4096 * 2 ** 20);
    }
  });

  it('tune commits a proposal for each planted problem and none for the healthy job', async () => {
    const result = cli('tune', '--event-logs', path.join(work, 'before'), '--repo', repo);
    expect(result.code, result.stderr).toBe(0);
    const branches = (await git(['branch', '--list', 'spark-tuner/*'], { cwd: repo })).split('\n').map((line) => line.trim()).sort();
    expect(branches).toEqual(['spark-tuner/real_overprovisioned_memory', 'spark-tuner/real_spill']);
    expect(result.stderr).toContain('No change proposed for real_healthy');
  });

  it('over-provisioned memory: the committed cut holds on real Spark and allocates fewer GB-hours', async () => {
    const conf = await committedConf('overprovisioned_memory', `manual__after_${Date.now()}`);
    expect(conf['spark.executor.memory']).not.toBe('4g');
    run('overprovisioned_memory', conf, path.join(work, 'after'), 'after');
    const after = runsOf(summarize(path.join(work, 'after')), 'overprovisioned_memory');
    const previous = runsOf(before, 'overprovisioned_memory');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'succeeded', tasks_failed: 0, oom_failures: 0 });
    expect(after[0]!.executor_memory_mb!).toBeLessThan(4096);
    // GB-hours per executor-second: the memory allocated per unit of executor lifetime, independent of how long the JVMs took to start.
    const rate = (rows: ApplicationSummary[]): number => sum(rows, (r) => r.executor_memory_mb_ms_allocated) / sum(rows, (r) => r.executor_core_ms_allocated);
    expect(rate(after)).toBeLessThan(rate(previous));
    expect(after[0]!.executor_memory_mb_ms_allocated!).toBeLessThan(Math.max(...previous.map((row) => row.executor_memory_mb_ms_allocated ?? 0)));
    report('overprovisioned_memory', previous, after);
  }, 300_000);

  it('spill: more shuffle partitions, less spill, no new failures', async () => {
    const conf = await committedConf('spill', `manual__after_${Date.now()}`);
    expect(Number(conf['spark.sql.shuffle.partitions'])).toBeGreaterThan(2);
    run('spill', conf, path.join(work, 'after'), 'after');
    const after = runsOf(summarize(path.join(work, 'after')), 'spill');
    const previous = runsOf(before, 'spill');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'succeeded', tasks_failed: 0, oom_failures: 0 });
    expect(after[0]!.memory_bytes_spilled!).toBeLessThan(Math.min(...previous.map((row) => row.memory_bytes_spilled ?? 0)));
    report('spill', previous, after);
  }, 300_000);

  it("agrees with Spark's own History Server on one run: jobs, stages, tasks, spill, executor peak heap", async () => {
    const row = runsOf(before, 'spill')[0]!;
    const server = await startHistoryServer(env, path.join(work, 'before'), row.app_id);
    try {
      const jobs = await server.get<{ status: string }[]>(`/applications/${row.app_id}/jobs`);
      const stages = await server.get<StageData[]>(`/applications/${row.app_id}/stages`);
      const executors = await server.get<ExecutorData[]>(`/applications/${row.app_id}/allexecutors`);
      const ran = stages.filter((stage) => stage.status !== 'SKIPPED');
      const peaks = executors.filter((e) => e.id !== 'driver').map((e) => e.peakMemoryMetrics?.JVMHeapMemory ?? 0);
      const driverPeak = executors.find((e) => e.id === 'driver')?.peakMemoryMetrics?.JVMHeapMemory ?? null;
      const theirs = {
        jobs_total: jobs.length,
        stages_total: ran.length,
        tasks_total: ran.reduce((n, stage) => n + stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks, 0),
        memory_bytes_spilled: ran.reduce((n, stage) => n + stage.memoryBytesSpilled, 0),
        disk_bytes_spilled: ran.reduce((n, stage) => n + stage.diskBytesSpilled, 0),
        shuffle_read_bytes: ran.reduce((n, stage) => n + stage.shuffleReadBytes, 0),
        executor_peak_jvm_heap_bytes: Math.max(...peaks),
        driver_peak_jvm_heap_bytes: driverPeak,
      };
      const ours = Object.fromEntries(Object.keys(theirs).map((key) => [key, row[key as keyof ApplicationSummary]]));
      console.log(`History Server vs summary for ${row.app_id}:\n${Object.keys(theirs).map((k) => `  ${k}: ${String((theirs as Record<string, unknown>)[k])} vs ${String(ours[k])}`).join('\n')}`);
      expect(ours).toEqual(theirs);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it('prints the timings (reported, never asserted)', async () => {
    const body = timings.join('\n');
    console.log(`real Spark timings:\n${body}`);
    expect(body).toContain('setup:');
    expect(await readFile(dagFile('healthy'), 'utf8')).toContain('"spark.executor.memory": "1g"');
  });
});

interface StageData {
  status: string;
  numCompleteTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  shuffleReadBytes: number;
}

interface ExecutorData {
  id: string;
  peakMemoryMetrics?: { JVMHeapMemory?: number };
}

function report(workload: Workload, previous: ApplicationSummary[], after: ApplicationSummary[]): void {
  const line = (label: string, rows: ApplicationSummary[]): string =>
    `${label}: memory ${mean(rows, (r) => r.executor_memory_mb)} MiB, executor GB-h ${(mean(rows, (r) => r.executor_memory_mb_ms_allocated) / 1024 / 3_600_000).toFixed(5)}, ` +
    `spill ${mean(rows, (r) => r.memory_bytes_spilled).toFixed(0)} B, partitions ${mean(rows, (r) => r.shuffle_partitions)}, duration ${(mean(rows, (r) => r.duration_ms) / 1000).toFixed(1)} s, ` +
    `tasks ${mean(rows, (r) => r.tasks_total)}, failed tasks ${sum(rows, (r) => r.tasks_failed)}`;
  console.log(`${workload}\n  ${line('before (mean of 3)', previous)}\n  ${line('after', after)}`);
}
