import { quantilesOfSorted } from './quantiles.js';

/** How one stage attempt's task attempts spread: duration quantiles and the most running at once. */
export interface TaskSpread {
  stageId: number;
  attemptId: number;
  /** Median and p95 of Finish − Launch (History Server rule), over every task attempt with both times. */
  p50Ms: number;
  p95Ms: number;
  /** The most task attempts running at the same moment. */
  maxRunning: number;
}

/**
 * The spread of task attempts given as parallel launch/finish times (epoch ms; left
 * unchanged). Concurrency is a sweep over [launch, finish): a task ending at t and one
 * starting at t do not overlap (a slot reused within the same millisecond), and a 0 ms task
 * occupies no moment, so a stage of only such tasks reports 1.
 */
export function taskSpread(stageId: number, attemptId: number, launches: Float64Array, finishes: Float64Array): TaskSpread {
  const durations = new Float64Array(launches.length);
  for (let i = 0; i < launches.length; i += 1) durations[i] = (finishes[i] ?? 0) - (launches[i] ?? 0);
  const [p50, p95] = quantilesOfSorted(durations.sort(), [0.5, 0.95]);
  return { stageId, attemptId, p50Ms: p50 ?? 0, p95Ms: p95 ?? 0, maxRunning: Math.max(launches.length > 0 ? 1 : 0, mostOpen(launches, finishes)) };
}

/** The most intervals [launch, finish) open at once, over the non-empty ones. */
function mostOpen(launches: Float64Array, finishes: Float64Array): number {
  let count = 0;
  for (let i = 0; i < launches.length; i += 1) if ((finishes[i] ?? 0) > (launches[i] ?? 0)) count += 1;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < launches.length; i += 1) {
    const launch = launches[i] ?? 0;
    const finish = finishes[i] ?? 0;
    if (finish <= launch) continue;
    starts[at] = launch;
    ends[at] = finish;
    at += 1;
  }
  starts.sort();
  ends.sort();
  let open = 0;
  let most = 0;
  let next = 0;
  for (const start of starts) {
    while (next < ends.length && (ends[next] ?? 0) <= start) {
      next += 1;
      open -= 1;
    }
    open += 1;
    most = Math.max(most, open);
  }
  return most;
}
