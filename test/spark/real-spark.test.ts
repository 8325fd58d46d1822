import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../src/config/read-repo-config.js';
import { flooredSkewRatio, taskSkew, type SkewThresholds } from '../../src/diagnose/rules/task-skew.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { cli, summarize } from './support/cli.js';
import { committedConf as committedOn, createFixtureRepo, tunedBranches } from './support/fixture-repo.js';
import { expectAgreement, historyFigures } from './support/history-figures.js';
import { startHistoryServer } from './support/history-server.js';
import { dagFileConf, ROOT, setupSpark, submit, type Cluster, type SparkEnv } from './support/spark.js';

/**
 * Proof on real Spark: each workload plants one problem, runs 3 times on a local-cluster (executors are their own
 * JVMs), `spark-tuner tune` edits the fixture DAG repository, and one more run with the committed conf shows the
 * problem gone. Timings are printed, never asserted. `SPARK_WORKLOADS=a,b` runs a subset; the event logs stay in
 * `.cache/spark-runs/{before,after}` for `npm run bench outcome`.
 */
const CLUSTERS = {
  overprovisioned_memory: { workers: 1, cores: 1 },
  spill: { workers: 1, cores: 1 },
  task_skew: { workers: 1, cores: 2 },
  tiny_tasks: { workers: 1, cores: 2 },
  executor_oom: { workers: 1, cores: 1 },
  idle_executors: { workers: 2, cores: 2 },
  dynamic_allocation_bounds: { workers: 2, cores: 1 },
  gc_pressure: { workers: 1, cores: 1 },
  healthy: { workers: 1, cores: 1 },
} satisfies Record<string, Cluster>;
type Workload = keyof typeof CLUSTERS;
const ALL = Object.keys(CLUSTERS) as Workload[];
const asked = process.env['SPARK_WORKLOADS']?.split(',').map((name) => name.trim()).filter(Boolean);
const WORKLOADS = asked ? ALL.filter((name) => asked.includes(name)) : ALL;
/** Workloads spark-tuner must propose nothing for: the healthy job, and GC pressure no setting fixes (a person looks). */
const NO_PROPOSAL: Workload[] = ['healthy', 'gc_pressure'];
const PLANTED = WORKLOADS.filter((name) => !NO_PROPOSAL.includes(name));
const RUNS = 3;
const RUNS_DIR = path.join(ROOT, '.cache/spark-runs');
const has = (workload: Workload): boolean => WORKLOADS.includes(workload);
/** The task-skew rule's thresholds as `tune` applies them: its defaults, then the fixture repository's settings. */
const SKEW = { ...taskSkew.defaults, ...parseRepoConfig(readFileSync(path.join(ROOT, 'test/spark/dag-repo/.github/spark-tuner.yml'), 'utf8')).config.rules['task-skew'] } as SkewThresholds;

let env: SparkEnv;
let work = '';
let repo = '';
let before: ApplicationSummary[] = [];
const timings: string[] = [];

const dagId = (workload: Workload): string => `real_${workload}`;
const dagFile = (workload: Workload): string => path.join(ROOT, 'test/spark/dag-repo/dags', `${dagId(workload)}.py`);

function run(workload: Workload, conf: Record<string, string>, logDir: string, label: string, mayFail = false): void {
  const result = submit(env, workload, conf, logDir, CLUSTERS[workload]);
  timings.push(`${label} ${workload}: ${(result.ms / 1000).toFixed(1)} s${result.status === 0 ? '' : ` (exit ${result.status})`}`);
  if (result.status !== 0 && !mayFail) throw new Error(`${workload} exited ${result.status}:\n${result.output.slice(-3000)}`);
}

function runsOf(rows: ApplicationSummary[], workload: Workload): ApplicationSummary[] {
  return rows.filter((row) => row.dag_id === dagId(workload));
}

const committedConf = (workload: Workload, runId: string): Promise<Record<string, string>> => committedOn(repo, dagId(workload), runId);

const sum = (rows: ApplicationSummary[], pick: (row: ApplicationSummary) => number | null): number =>
  rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
const mean = (rows: ApplicationSummary[], pick: (row: ApplicationSummary) => number | null): number => sum(rows, pick) / rows.length;

describe('real Spark: plant, tune, run again', () => {
  beforeAll(async () => {
    const started = Date.now();
    env = setupSpark();
    timings.push(`setup: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    work = await mkdtemp(path.join(tmpdir(), 'spark-tuner-real-'));
    await rm(RUNS_DIR, { recursive: true, force: true });
    await mkdir(RUNS_DIR, { recursive: true });
    repo = await createFixtureRepo(path.join(work, 'repo'));
    for (let i = 1; i <= RUNS; i++) {
      for (const workload of WORKLOADS) {
        const runId = `scheduled__before_${i}_${Date.now()}`;
        // the planted OutOfMemoryError may fail a run outright: its event log is still evidence
        run(workload, dagFileConf(dagFile(workload), { dagId: dagId(workload), runId }), path.join(RUNS_DIR, 'before'), `before #${i}`, workload === 'executor_oom');
      }
    }
    before = summarize(path.join(RUNS_DIR, 'before'));
  }, 1_500_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('summarizes what today\'s Spark writes: one row per run, linked, with peaks', () => {
    expect(before).toHaveLength(RUNS * WORKLOADS.length);
    for (const row of before) {
      expect(row).toMatchObject({ task_id: 'run', try_number: 1 });
      if (row.dag_id !== dagId('executor_oom')) expect(row).toMatchObject({ status: 'succeeded', jobs_failed: 0, tasks_failed: 0 });
      expect(row.executors_added).toBeGreaterThanOrEqual(1);
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
    for (const row of runsOf(before, 'tiny_tasks')) expect(row.tasks_total).toBeGreaterThan(300);
    // the hot key's task, as the rule judges it with the fixture repository's thresholds
    for (const row of runsOf(before, 'task_skew')) {
      expect(flooredSkewRatio(row, SKEW)).toBeGreaterThanOrEqual(SKEW.min_skew_ratio);
      expect(row.task_duration_max_ms!).toBeGreaterThan(SKEW.min_max_task_ms);
      expect(row.task_duration_max_ms!).toBeGreaterThan(SKEW.min_share_of_stage * row.stage_duration_max_ms!);
    }
    // every run's job fails on a heap OutOfMemoryError (the team fails fast: spark.task.maxFailures 1). PySpark logs
    // ExitCode 0 when its driver raises, so by DESIGN §2 the application itself still counts as succeeded.
    for (const row of runsOf(before, 'executor_oom')) {
      expect(row).toMatchObject({ jobs_failed: 1, tasks_failed: 1 });
      expect(row.oom_failures).toBeGreaterThan(0);
    }
    for (const row of runsOf(before, 'idle_executors')) expect(row).toMatchObject({ executor_instances: 2, executors_max_concurrent: 2 });
    for (const row of runsOf(before, 'gc_pressure')) {
      expect(row.gc_time_ratio).toBeGreaterThan(0.1);
      expect(row.executor_major_gc_time_ms).toBe(0);
    }
    // Spark starts max(min, initial) = 2 executors although maxExecutors is 1
    for (const row of runsOf(before, 'dynamic_allocation_bounds')) expect(row.executors_added).toBe(2);
  });

  it('tune commits a proposal for each planted problem, none for the healthy job nor for GC pressure no setting fixes', async () => {
    const result = cli('tune', '--event-logs', path.join(RUNS_DIR, 'before'), '--repo', repo);
    expect(result.code, result.stderr).toBe(0);
    expect(await tunedBranches(repo)).toEqual(PLANTED.map((workload) => `spark-tuner/${dagId(workload)}`).sort());
    if (has('healthy')) expect(result.stderr).toContain('No change proposed for real_healthy');
    if (has('gc_pressure')) {
      // all of its GC is young-generation copying, which a larger heap was measured not to help: a person looks
      expect(result.stderr).toMatch(/No change proposed for real_gc_pressure\. A person should look: Garbage collection takes up to \d+% of executor time/);
    }
  });

  it.skipIf(!has('overprovisioned_memory'))('over-provisioned memory: the committed cut holds on real Spark and allocates fewer GB-hours', async () => {
    const conf = await committedConf('overprovisioned_memory', `manual__after_${Date.now()}`);
    expect(conf['spark.executor.memory']).not.toBe('4g');
    run('overprovisioned_memory', conf, path.join(RUNS_DIR, 'after'), 'after');
    const after = runsOf(summarize(path.join(RUNS_DIR, 'after')), 'overprovisioned_memory');
    const previous = runsOf(before, 'overprovisioned_memory');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'succeeded', tasks_failed: 0, oom_failures: 0 });
    expect(after[0]!.executor_memory_mb!).toBeLessThan(4096);
    // GB-hours per executor-second: the memory allocated per unit of executor lifetime, independent of how long the JVMs took to start.
    const rate = (rows: ApplicationSummary[]): number => sum(rows, (r) => r.executor_memory_mb_ms_allocated) / sum(rows, (r) => r.executor_core_ms_allocated);
    expect(rate(after)).toBeLessThan(rate(previous));
    expect(after[0]!.executor_memory_mb_ms_allocated!).toBeLessThan(Math.max(...previous.map((row) => row.executor_memory_mb_ms_allocated ?? 0)));
  }, 300_000);

  it.skipIf(!has('spill'))('spill: more shuffle partitions, less spill, no new failures', async () => {
    const conf = await committedConf('spill', `manual__after_${Date.now()}`);
    expect(Number(conf['spark.sql.shuffle.partitions'])).toBeGreaterThan(2);
    run('spill', conf, path.join(RUNS_DIR, 'after'), 'after');
    const after = runsOf(summarize(path.join(RUNS_DIR, 'after')), 'spill');
    const previous = runsOf(before, 'spill');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'succeeded', tasks_failed: 0, oom_failures: 0 });
    expect(after[0]!.memory_bytes_spilled!).toBeLessThan(Math.min(...previous.map((row) => row.memory_bytes_spilled ?? 0)));
  }, 300_000);

  it.skipIf(!has('spill'))("agrees with Spark's own History Server on one run: jobs, stages, tasks, spill, executor peak heap", async () => {
    const row = runsOf(before, 'spill')[0]!;
    const server = await startHistoryServer(env, path.join(RUNS_DIR, 'before'), row.app_id);
    try {
      expectAgreement(row, await historyFigures(server, row.app_id));
    } finally {
      await server.stop();
    }
  }, 300_000);

  it.skipIf(!has('tiny_tasks'))('far too many tiny tasks: fewer shuffle partitions, a fraction of the tasks, no new failures', async () => {
    const conf = await committedConf('tiny_tasks', `manual__after_${Date.now()}`);
    expect(Number(conf['spark.sql.shuffle.partitions'])).toBeLessThan(300);
    const after = runAfter('tiny_tasks', conf);
    const previous = runsOf(before, 'tiny_tasks');
    expect(after.tasks_total!).toBeLessThan(Math.min(...previous.map((row) => row.tasks_total ?? 0)) / 10);
    expectNothingWorse(previous, after);
  }, 300_000);

  it.skipIf(!has('task_skew'))('data skew: skew-join handling on, the hot partition split, no skew finding after, no new failures', async () => {
    const conf = await committedConf('task_skew', `manual__after_${Date.now()}`);
    expect(conf['spark.sql.adaptive.skewJoin.enabled']).toBe('true');
    expect(conf['spark.sql.adaptive.enabled'] ?? 'true').toBe('true');
    const after = runAfter('task_skew', conf);
    const previous = runsOf(before, 'task_skew');
    const share = (row: ApplicationSummary): number => row.skew_stage_task_max_ms! / row.stage_duration_max_ms!;
    console.log(
      `task_skew: longest task of the most skewed stage ${previous.map((row) => row.skew_stage_task_max_ms).join(', ')} ms → ${after.skew_stage_task_max_ms} ms ` +
        `(of any stage ${previous.map((row) => row.task_duration_max_ms).join(', ')} → ${after.task_duration_max_ms}); ` +
        `skew ratio (floored) ${previous.map((row) => flooredSkewRatio(row, SKEW)?.toFixed(1)).join(', ')} → ${flooredSkewRatio(after, SKEW)?.toFixed(1)}; ` +
        `longest stage ${previous.map((row) => row.stage_duration_max_ms).join(', ')} → ${after.stage_duration_max_ms} ms; tasks ${previous[0]?.tasks_total} → ${after.tasks_total}`,
    );
    // AQE split the hot partition into several tasks: more tasks, and no task is most of the longest stage any more.
    // Within one run, not across runs: the runs share 2 cores with other work, so their wall times are not comparable.
    expect(after.tasks_total!).toBeGreaterThan(Math.max(...previous.map((row) => row.tasks_total ?? 0)));
    expect(Math.min(...previous.map(share))).toBeGreaterThan(SKEW.min_share_of_stage);
    expect(share(after)).toBeLessThan(0.5);
    const diagnosis = cli('diagnose', '--event-logs', path.join(RUNS_DIR, 'after'), '--repo', repo, '--dag', dagId('task_skew'), '--min-runs', '1', '--json');
    expect(diagnosis.code, diagnosis.stderr).toBe(0);
    const tasks = (JSON.parse(diagnosis.stdout) as { tasks: { successful_runs_in_window: number; findings: { rule_id: string }[] }[] }).tasks;
    expect(tasks.map((task) => task.successful_runs_in_window)).toEqual([1]);
    expect(tasks[0]!.findings.map((finding) => finding.rule_id)).not.toContain('task-skew');
    expectNothingWorse(previous, after);
  }, 300_000);

  it.skipIf(!has('executor_oom'))('executor OutOfMemoryError: a larger heap, no OutOfMemoryError, no failed task', async () => {
    const conf = await committedConf('executor_oom', `manual__after_${Date.now()}`);
    const after = runAfter('executor_oom', conf);
    expect(after.executor_memory_mb!).toBeGreaterThan(512);
    expect(after).toMatchObject({ oom_failures: 0, tasks_failed: 0 });
    expectNothingWorse(runsOf(before, 'executor_oom'), after);
  }, 300_000);

  it.skipIf(!has('idle_executors'))('idle executors: fewer executors held, fewer allocated GB-hours, no new failures', async () => {
    const conf = await committedConf('idle_executors', `manual__after_${Date.now()}`);
    expect(Number(conf['spark.executor.instances'])).toBeLessThan(2);
    const after = runAfter('idle_executors', conf);
    const previous = runsOf(before, 'idle_executors');
    expect(after.executors_max_concurrent!).toBeLessThan(Math.min(...previous.map((row) => row.executors_max_concurrent ?? 0)));
    expect(after.executor_memory_mb_ms_allocated!).toBeLessThan(mean(previous, (row) => row.executor_memory_mb_ms_allocated));
    expect(after.executor_core_ms_allocated!).toBeLessThan(mean(previous, (row) => row.executor_core_ms_allocated));
    expectNothingWorse(previous, after);
  }, 300_000);

  it.skipIf(!has('dynamic_allocation_bounds'))('dynamic-allocation bounds: back in order, no executor above maxExecutors, no new failures', async () => {
    const conf = await committedConf('dynamic_allocation_bounds', `manual__after_${Date.now()}`);
    expect(Number(conf['spark.dynamicAllocation.initialExecutors'] ?? conf['spark.dynamicAllocation.minExecutors'])).toBeLessThanOrEqual(Number(conf['spark.dynamicAllocation.maxExecutors']));
    expect(conf['spark.dynamicAllocation.maxExecutors']).toBe('1');
    const after = runAfter('dynamic_allocation_bounds', conf);
    expect(after.executors_added).toBe(1);
    expect(after.executors_max_concurrent).toBe(1);
    expectNothingWorse(runsOf(before, 'dynamic_allocation_bounds'), after);
  }, 300_000);

  it('prints the timings and the before/after of each workload (reported, never asserted)', async () => {
    const body = timings.join('\n');
    console.log(`real Spark timings:\n${body}`);
    expect(body).toContain('setup:');
    expect(await readFile(dagFile('healthy'), 'utf8')).toContain('"spark.executor.memory": "1g"');
    for (const workload of WORKLOADS) report(workload, runsOf(before, workload), runsOf(afterRows(), workload));
  });
});

/** One run of `workload` with the committed `conf`, into the after directory; its summary row. */
function runAfter(workload: Workload, conf: Record<string, string>): ApplicationSummary {
  run(workload, conf, path.join(RUNS_DIR, 'after'), 'after');
  const after = runsOf(afterRows(), workload);
  expect(after).toHaveLength(1);
  return after[0]!;
}

/** The summary rows of the runs after the committed changes (none when no proposal was run). */
const afterRows = (): ApplicationSummary[] => (existsSync(path.join(RUNS_DIR, 'after')) ? summarize(path.join(RUNS_DIR, 'after')) : []);

/** The after run succeeded without a failed task and spilled no more than the worst run before. */
function expectNothingWorse(previous: ApplicationSummary[], after: ApplicationSummary): void {
  expect(after).toMatchObject({ status: 'succeeded', jobs_failed: 0, tasks_failed: 0, oom_failures: 0 });
  expect(after.memory_bytes_spilled ?? 0).toBeLessThanOrEqual(Math.max(0, ...previous.map((row) => row.memory_bytes_spilled ?? 0)));
}

function report(workload: Workload, previous: ApplicationSummary[], after: ApplicationSummary[]): void {
  const line = (label: string, rows: ApplicationSummary[]): string =>
    `${label}: memory ${mean(rows, (r) => r.executor_memory_mb)} MiB, executor GB-h ${(mean(rows, (r) => r.executor_memory_mb_ms_allocated) / 1024 / 3_600_000).toFixed(5)}, ` +
    `spill ${mean(rows, (r) => r.memory_bytes_spilled).toFixed(0)} B, partitions ${mean(rows, (r) => r.shuffle_partitions)}, duration ${(mean(rows, (r) => r.duration_ms) / 1000).toFixed(1)} s, ` +
    `tasks ${mean(rows, (r) => r.tasks_total)}, failed tasks ${sum(rows, (r) => r.tasks_failed)}`;
  console.log(`${workload}\n  ${line('before (mean of 3)', previous)}\n  ${after.length > 0 ? line('after', after) : 'after: not run (no proposal)'}`);
}
