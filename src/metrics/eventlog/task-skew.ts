import { quantileIndex } from './quantiles.js';

/** A stage attempt needs this many successful tasks before its skew means anything. */
export const SKEW_MIN_TASKS = 10;
/** Task durations: medians below 1 s count as 1 s, and stages whose longest task is shorter are ignored. */
export const SKEW_DURATION_FLOOR_MS = 1000;
/** Shuffle reads: medians below 1 MiB count as 1 MiB, and stages that read less per task are ignored. */
export const SKEW_SHUFFLE_READ_FLOOR_BYTES = 1024 * 1024;

/**
 * Max / median of one stage attempt's successful task values (ascending), or null when the
 * stage has fewer than SKEW_MIN_TASKS tasks or its largest value is under `floor`. The median
 * (History Server rule, index ⌊n/2⌋) is raised to `floor`, so stages of millisecond tasks do
 * not produce huge ratios from scheduling noise, while the classic skew — most partitions
 * nearly empty, one huge — still shows: 300 ms tasks with one 10-minute task give 600.
 */
export function skewRatio(sorted: ArrayLike<number>, floor: number): number | null {
  const count = sorted.length;
  if (count < SKEW_MIN_TASKS) return null;
  const max = sorted[count - 1] ?? 0;
  if (max < floor) return null;
  const median = sorted[quantileIndex(0.5, count)] ?? 0;
  return max / Math.max(median, floor);
}
