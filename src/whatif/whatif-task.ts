import type { Prices } from '../diagnose/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { WHATIF_METHOD } from './method.js';
import { predictRun, prepareRun, type RunReplay, type WhatIfProposal } from './predict-run.js';
import { containersOf, runCost, type RunCost } from './run-cost.js';

/** One run's prediction, priced. */
export interface RunWhatIf {
  app_id: string;
  attempt_id: string | null;
  run_id: string | null;
  start_time: number | null;
  replay: RunReplay;
  before: RunCost;
  after: RunCost;
}

/** A run the estimator could not replay, and why. */
export interface SkippedRun {
  app_id: string;
  attempt_id: string | null;
  reason: string;
}

/** Predictions for a task's runs, and their mean per run. */
export interface TaskWhatIf {
  method: string;
  proposal: WhatIfProposal;
  runs: RunWhatIf[];
  skipped: SkippedRun[];
  /** Means over the predicted runs, or null when none could be predicted. */
  overall: {
    runs: number;
    wall_ms_before: number;
    wall_ms_after: number;
    before: RunCost;
    after: RunCost;
  } | null;
}

/** Predicts each successful run of a task at another executor count (and cores), priced at `prices`. */
export function whatifTask(runs: ApplicationSummary[], proposal: WhatIfProposal, prices: Prices): TaskWhatIf {
  const predicted: RunWhatIf[] = [];
  const skipped: SkippedRun[] = [];
  for (const run of runs) {
    if (run.status !== 'succeeded') {
      skipped.push({ app_id: run.app_id, attempt_id: run.attempt_id, reason: `${run.status}: only successful runs show how long the work takes` });
      continue;
    }
    const prepared = prepareRun(run);
    if ('problem' in prepared) {
      skipped.push({ app_id: run.app_id, attempt_id: run.attempt_id, reason: prepared.problem });
      continue;
    }
    const replay = predictRun(prepared, proposal);
    const containers = containersOf(run);
    predicted.push({
      app_id: run.app_id,
      attempt_id: run.attempt_id,
      run_id: run.run_id,
      start_time: run.start_time,
      replay,
      before: runCost(replay.executor_ms_before, replay.wall_ms_before, replay.cores_before, containers, prices),
      after: runCost(replay.executor_ms_after, replay.wall_ms_after, replay.cores_after, containers, prices),
    });
  }
  return { method: WHATIF_METHOD, proposal, runs: predicted, skipped, overall: overallOf(predicted) };
}

function overallOf(runs: RunWhatIf[]): TaskWhatIf['overall'] {
  if (runs.length === 0) return null;
  const mean = (pick: (run: RunWhatIf) => number): number => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  const meanCost = (side: 'before' | 'after'): RunCost => ({
    executor_hours: mean((r) => r[side].executor_hours),
    core_hours: mean((r) => r[side].core_hours),
    gb_hours: mean((r) => r[side].gb_hours),
    driver_gb_hours: runs.every((r) => r[side].driver_gb_hours !== null) ? mean((r) => r[side].driver_gb_hours ?? 0) : null,
    cost_usd: mean((r) => r[side].cost_usd),
  });
  return {
    runs: runs.length,
    wall_ms_before: mean((r) => r.replay.wall_ms_before),
    wall_ms_after: mean((r) => r.replay.wall_ms_after),
    before: meanCost('before'),
    after: meanCost('after'),
  };
}
