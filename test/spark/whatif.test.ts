import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../src/diagnose/impact.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { whatifTask } from '../../src/whatif/whatif-task.js';
import { summarize } from './support/cli.js';
import { mainStage, measuredPart } from './support/measured-part.js';
import { setupSpark, submit, type SparkEnv } from './support/spark.js';

/**
 * The what-if estimator against real Spark (issue 15): the same workload run at 4 and at 2 executors of 1 core, twice
 * each; each count's runs predict the other count, compared with what the runs at that count measured.
 *
 * Executor start-up is excluded: the workload waits until every executor has registered and runs a warm-up stage of
 * one task per executor (Python workers started) before the measured part — a 4 s driver-only pause, the main stage of
 * 48 tasks sleeping 0.5–1.5 s, another 4 s pause, a stage of 4 tasks. Two things are compared, each predicted by the
 * estimator from the summary row cut to it (support/measured-part.ts):
 * - the main stage's duration (submission to completion);
 * - the measured part: from the main stage's submission to the application's end.
 * Bound: the mean prediction within ±MAX_ERROR (20%) of the mean measurement, for both; measured on this 2-core shared
 * machine: within 1.5% (two sessions). An estimator wrong by 2× on the main stage (e.g. one that ignored the
 * executor count) misses it: about −50% / +90% on the stage, −40% / +70% on the part.
 */
const COUNTS = [4, 2] as const;
const RUNS = 2;
const MAX_ERROR = 0.2;
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

const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/** The measured windows of a run: its main stage alone, and from the main stage's submission to the end. */
function windowsOf(run: ApplicationSummary): { stage: ApplicationSummary; part: ApplicationSummary } {
  const main = mainStage(run);
  return { stage: measuredPart(run, main.submit_ms, main.complete_ms), part: measuredPart(run, main.submit_ms, run.duration_ms ?? 0) };
}

function predictedWall(runs: ApplicationSummary[], executors: number): number {
  const result = whatifTask(runs, { executors, cores: null }, DEFAULT_PRICES);
  expect(result.skipped).toEqual([]);
  if (!result.overall) throw new Error('no prediction');
  return result.overall.wall_ms_after;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1).padStart(5)} s`;
const pct = (error: number): string => `${error >= 0 ? '+' : ''}${(error * 100).toFixed(1)}%`;

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
    console.log(['what-if on real Spark (means of the runs at one count predicting the other; start-up excluded):', ...lines].join('\n'));
  });

  it('replays every run at its own executor count (local-cluster executors are real)', () => {
    for (const count of COUNTS) {
      const runs = rows.get(count) ?? [];
      expect(runs).toHaveLength(RUNS);
      for (const run of runs) {
        expect(run).toMatchObject({ status: 'succeeded', executors_max_concurrent: count });
        expect(run.stage_profile?.stages.map((stage) => stage.tasks)).toEqual([count, 48, 4]);
        // the main stage fills every slot (a task launched in the millisecond another finished may count as one more)
        expect(mainStage(run).max_running).toBeGreaterThanOrEqual(count);
      }
    }
  });

  it(`predicts the main stage and the measured part at the other count within ±${MAX_ERROR * 100}%`, () => {
    const errors: number[] = [];
    for (const count of COUNTS) {
      const other = COUNTS.find((c) => c !== count) ?? count;
      const runs = (rows.get(count) ?? []).map(windowsOf);
      const measured = (rows.get(other) ?? []).map(windowsOf);
      for (const what of ['stage', 'part'] as const) {
        const today = mean(runs.map((r) => r[what].duration_ms ?? 0));
        const predicted = predictedWall(runs.map((r) => r[what]), other);
        const actual = mean(measured.map((r) => r[what].duration_ms ?? 0));
        const error = predicted / actual - 1;
        errors.push(error);
        lines.push(
          `  ${count} → ${other} executors, ${what === 'stage' ? 'main stage   ' : 'measured part'}: today ${s(today)}, ` +
            `predicted ${s(predicted)}, measured ${s(actual)}, error ${pct(error)}`,
        );
      }
    }
    for (const error of errors) expect(Math.abs(error)).toBeLessThanOrEqual(MAX_ERROR);
  });
});
