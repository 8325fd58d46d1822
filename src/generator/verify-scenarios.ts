import { aggregate, baseline, etl, scan } from './baseline-etl.js';
import type { DagRunsSpec, RunVariant } from './dag-runs.js';
import { dagRunLogs } from './dag-runs.js';
import { deriveSeed } from './prng.js';
import type { Scenario } from './scenarios.js';

/** Runs before the merge point: runs 0–4 are the evidence, runs from 5 on follow the merge. */
export const VERIFY_RUNS_BEFORE = 5;
const HOUR = 3_600_000;

/**
 * The merge time of a verify scenario's history: 12 hours before the first run after the merge (daily runs
 * at about 02:00, so the merge lands mid-afternoon the day before). `firstAfterStart` is that run's start.
 */
export function verifyMergeTime(firstAfterStart: number): number {
  return firstAfterStart - 12 * HOUR;
}

/** 16g executors whose heap peaks at 4.8–5.6 GiB: spark-tuner proposes 8g. After the merge, `after(run)` says what ran. */
function history(dagId: string, runs: number, after: (run: number) => RunVariant | undefined): DagRunsSpec {
  return baseline(dagId, {
    runs,
    executorMemory: '16g',
    executorPeakHeapFraction: { min: 0.3, max: 0.35 },
    variant: (run) => (run >= VERIFY_RUNS_BEFORE ? after(run) : undefined),
  });
}

/** The same absolute heap peak (4.8–5.6 GiB) on 8g executors. */
const CUT: RunVariant = { executorMemory: '8g', executorPeakHeapFraction: { min: 0.6, max: 0.7 } };

/** 8g after the merge with a heap that now fills: every run loses tasks to OutOfMemoryError, runs 6 and 8 fail. */
function oomAfterCut(dagId: string): DagRunsSpec {
  return history(dagId, 10, (run) => ({
    ...CUT,
    executorPeakHeapFraction: { min: 0.9, max: 0.95 },
    jobs: etl([scan(), aggregate({ failures: { kind: 'oom', tasks: 1, fatal: run === 6 || run === 8 } })]),
  }));
}

function scenario(description: string, spec: DagRunsSpec): Scenario {
  const salt = [...spec.dagId].map((char) => char.charCodeAt(0));
  return { description, build: ({ now, seed }) => dagRunLogs(spec, now, deriveSeed(seed, ...salt)) };
}

/** Histories with a merge point (after run 5), for verification after the merge (DESIGN §10). */
export const verifyScenarios: Record<string, Scenario> = {
  'verify-held': scenario(
    'verify_held.transform: 5 runs on 16g (heap peaks near a third), then 5 runs on 8g after the merge that hold',
    history('verify_held', 10, () => CUT),
  ),
  'verify-oom': scenario(
    'verify_oom.transform: 5 runs on 16g, then 8g after the merge with a heap that now fills: 2 of 5 runs fail with OutOfMemoryError',
    oomAfterCut('verify_oom'),
  ),
  'verify-oom-changed': scenario(
    'verify_oom_changed.transform: the cut of verify-oom, in a DAG whose setting a person changes after the merge (no revert over it)',
    oomAfterCut('verify_oom_changed'),
  ),
  'verify-oom-refused': scenario(
    'verify_oom_refused.transform: the cut of verify-oom, in a DAG whose value moved into a constant shared by two tasks (the revert edit is refused)',
    oomAfterCut('verify_oom_refused'),
  ),
  'verify-not-deployed': scenario(
    'verify_not_deployed.transform: 10 runs on 16g: the merged 8g never reached the runs',
    history('verify_not_deployed', 10, () => undefined),
  ),
  'verify-too-few': scenario(
    'verify_too_few.transform: 5 runs on 16g, then only 2 runs on 8g after the merge',
    history('verify_too_few', 7, () => CUT),
  ),
  'verify-noisy': scenario(
    'verify_noisy.transform: 5 runs on 16g, then 5 on 8g of which one takes twice as long (noise, not a regression)',
    history('verify_noisy', 10, (run) =>
      run === 7 ? { ...CUT, jobs: etl([scan({ taskMs: { min: 120_000, max: 180_000 } }), aggregate({ taskMs: { min: 40_000, max: 60_000 } })]) } : CUT,
    ),
  ),
};
