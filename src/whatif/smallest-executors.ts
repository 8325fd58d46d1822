import type { Prices } from '../diagnose/types.js';
import { predictRun, type PreparedRun, type RunReplay } from './predict-run.js';
import { containersOf, runCost } from './run-cost.js';

/** The executor count a cut would propose, with each run's prediction at it. */
export interface ExecutorCut {
  executors: number;
  replays: RunReplay[];
  /** The largest predicted slowdown over the runs (0.05 = 5% longer). */
  slowdown: number;
  /** Mean cost per run before and after, at list prices. */
  cost_before_usd: number;
  cost_after_usd: number;
}

/**
 * The smallest executor count below `today` (and at least `floor`) at which every run's predicted wall time stays
 * within `maxSlowdown` of today's and the mean cost per run goes down; null when no count qualifies. Runs are
 * replayed with min(count, the executors they had). Wall time is non-increasing in the count (WHATIF_METHOD), so
 * the first count within the limit is found by bisection, then the first one above it that saves cost.
 */
export function smallestExecutors(runs: PreparedRun[], today: number, floor: number, maxSlowdown: number, prices: Prices): ExecutorCut | null {
  if (runs.length === 0 || today <= Math.max(1, floor)) return null;
  const at = (executors: number): ExecutorCut => cutAt(runs, executors, prices);
  let low = Math.max(1, floor);
  let high = today - 1;
  if (at(high).slowdown > maxSlowdown) return null;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (at(middle).slowdown <= maxSlowdown) high = middle;
    else low = middle + 1;
  }
  for (let executors = high; executors < today; executors += 1) {
    const cut = at(executors);
    if (cut.slowdown <= maxSlowdown && cut.cost_after_usd < cut.cost_before_usd) return cut;
  }
  return null;
}

function cutAt(runs: PreparedRun[], executors: number, prices: Prices): ExecutorCut {
  const replays = runs.map((run) => predictRun(run, { executors: Math.min(executors, run.executors), cores: null }));
  const costs = replays.map((replay, i) => {
    const run = runs[i];
    const containers = run ? containersOf(run.run) : null;
    if (!containers) return { before: 0, after: 0 };
    return {
      before: runCost(replay.executor_ms_before, replay.wall_ms_before, replay.cores_before, containers, prices).cost_usd,
      after: runCost(replay.executor_ms_after, replay.wall_ms_after, replay.cores_after, containers, prices).cost_usd,
    };
  });
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    executors,
    replays,
    slowdown: Math.max(...replays.map((r) => (r.wall_ms_before > 0 ? r.wall_ms_after / r.wall_ms_before - 1 : 0))),
    cost_before_usd: mean(costs.map((c) => c.before)),
    cost_after_usd: mean(costs.map((c) => c.after)),
  };
}
