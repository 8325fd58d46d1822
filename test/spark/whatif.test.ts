import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../src/diagnose/impact.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { timelineOf } from '../../src/whatif/replay-timeline.js';
import { whatifTask } from '../../src/whatif/whatif-task.js';
import { summarize } from './support/cli.js';
import { setupSpark, submit, type SparkEnv } from './support/spark.js';

/**
 * The what-if estimator against real Spark (issue 15): the same workload (driver-only pauses around a main stage of
 * 64 sleeping tasks that fills every slot) run at 4 and at 2 executors of 1 core; each run's profile predicts the other
 * count, and the prediction is printed next to what the runs at that count measured: wall time, and the time with a
 * stage running (on a small shared machine, starting 4 executor JVMs at once takes longer than the stages, so wall time
 * mostly measures JVM start-up). Timings are printed, never asserted; the test asserts what the replay must get right
 * whatever the timing.
 */
const COUNTS = [4, 2] as const;
const RUNS = 1;
const DAG = 'real_bursty_sleep';

let env: SparkEnv;
let work = '';
const rows = new Map<number, ApplicationSummary[]>();
const lines: string[] = [];

const conf = (runId: string): Record<string, string> => ({
  'spark.executor.memory': '512m',
  'spark.executor.cores': '1',
  'spark.airflow.dag_id': DAG,
  'spark.airflow.task_id': 'run',
  'spark.airflow.run_id': runId,
  'spark.airflow.try_number': '1',
});

const meanOf = (runs: ApplicationSummary[], pick: (run: ApplicationSummary) => number): number => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;

describe('real Spark: what-if at another executor count', () => {
  beforeAll(async () => {
    env = setupSpark();
    work = await mkdtemp(path.join(tmpdir(), 'spark-tuner-whatif-'));
    for (let i = 1; i <= RUNS; i++) {
      for (const count of COUNTS) {
        const dir = path.join(work, `x${count}`);
        const result = submit(env, 'bursty_sleep', conf(`manual__${count}x_${i}_${Date.now()}`), dir, { workers: count, cores: 1 });
        if (result.status !== 0) throw new Error(`bursty_sleep on ${count} executors exited ${result.status}:\n${result.output.slice(-3000)}`);
      }
    }
    for (const count of COUNTS) rows.set(count, summarize(path.join(work, `x${count}`)));
  }, 1_500_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
    console.log(['what-if on real Spark (predicted from the runs at one count, measured at the other):', ...lines].join('\n'));
  });

  it('replays every run (local-cluster executors are real) and predicts fewer executors as slower', () => {
    for (const count of COUNTS) {
      const runs = rows.get(count) ?? [];
      expect(runs).toHaveLength(RUNS);
      for (const run of runs) {
        expect(run).toMatchObject({ status: 'succeeded', executors_max_concurrent: count });
        expect(run.stage_profile?.stages.length).toBe(2);
      }
      const other = COUNTS.find((c) => c !== count) ?? count;
      const result = whatifTask(runs, { executors: other, cores: null }, DEFAULT_PRICES);
      expect(result.skipped).toEqual([]);
      const overall = result.overall;
      if (!overall) throw new Error('no prediction');
      if (other < count) expect(overall.wall_ms_after).toBeGreaterThan(overall.wall_ms_before);
      else expect(overall.wall_ms_after).toBeLessThan(overall.wall_ms_before);
      const measured = (rows.get(other) ?? []).reduce((sum, run) => sum + (run.duration_ms ?? 0), 0) / RUNS;
      const kept = meanOf(runs, (run) => timelineOf(run.stage_profile!, run.duration_ms, count).kept_ms);
      const stagesMeasured = meanOf(rows.get(other) ?? [], (run) => {
        const t = timelineOf(run.stage_profile!, run.duration_ms, other);
        return t.wall_ms - t.kept_ms;
      });
      const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
      const error = (predicted: number, actual: number): string => `${((predicted / actual - 1) * 100).toFixed(1)}%`;
      lines.push(
        `  ${count} → ${other} executors: wall today ${s(overall.wall_ms_before)}, predicted ${s(overall.wall_ms_after)}, measured ${s(measured)} ` +
          `(error ${error(overall.wall_ms_after, measured)}); time in stages today ${s(overall.wall_ms_before - kept)}, predicted ` +
          `${s(overall.wall_ms_after - kept)}, measured ${s(stagesMeasured)} (error ${error(overall.wall_ms_after - kept, stagesMeasured)})`,
      );
    }
  });
});
