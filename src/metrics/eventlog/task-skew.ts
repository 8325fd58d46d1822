import { quantileIndex } from './quantiles.js';

/** A stage attempt needs this many successful tasks before its skew means anything. */
export const SKEW_MIN_TASKS = 10;
/**
 * When stages are compared (not in the ratio reported), medians below 1 s count as 1 s, so a stage of
 * millisecond tasks does not outrank a real straggler; stages whose tasks all ran under 1 s come last.
 */
export const SKEW_RANKING_FLOOR_MS = 1000;
/** Shuffle reads: medians below 1 MiB count as 1 MiB, and stages that read less per task are ignored. */
export const SKEW_SHUFFLE_READ_FLOOR_BYTES = 1024 * 1024;

/** The task-duration skew of one stage attempt, as measured, and how it ranks against other stages. */
export interface DurationSkew {
  /** Longest / median successful task (History Server median, index ⌊n/2⌋); a 0 ms median counts as the clock's 1 ms. */
  ratio: number;
  /** Longest successful task, ms. */
  maxMs: number;
  /** Sort key: stages reaching the ranking floor first, by max / max(median, floor); then the rest by ratio. */
  rank: [reachesFloor: number, score: number];
}

/**
 * The task-duration skew of one stage attempt's successful tasks (ascending), or null when it has
 * fewer than SKEW_MIN_TASKS (not measurable). Short stages get their measured ratio too: the noise
 * floors that keep millisecond jitter from looking like skew belong to the rules that judge it.
 */
export function durationSkew(sorted: ArrayLike<number>): DurationSkew | null {
  const count = sorted.length;
  if (count < SKEW_MIN_TASKS) return null;
  const maxMs = sorted[count - 1] ?? 0;
  const median = sorted[quantileIndex(0.5, count)] ?? 0;
  const ratio = maxMs / Math.max(median, 1);
  const reachesFloor = maxMs >= SKEW_RANKING_FLOOR_MS;
  return { ratio, maxMs, rank: reachesFloor ? [1, maxMs / Math.max(median, SKEW_RANKING_FLOOR_MS)] : [0, ratio] };
}

/** Whether skew `a` ranks above `b` (ties keep `b`, the stage seen first). */
export function ranksAbove(a: DurationSkew, b: DurationSkew): boolean {
  return a.rank[0] > b.rank[0] || (a.rank[0] === b.rank[0] && a.rank[1] > b.rank[1]);
}

/**
 * Max / median of one stage attempt's successful values (ascending), or null when the stage has
 * fewer than SKEW_MIN_TASKS values or its largest value is under `floor`; the median is raised to
 * `floor`. Used for shuffle reads, where most partitions are often empty (a median of 0 bytes).
 */
export function skewRatio(sorted: ArrayLike<number>, floor: number): number | null {
  const count = sorted.length;
  if (count < SKEW_MIN_TASKS) return null;
  const max = sorted[count - 1] ?? 0;
  if (max < floor) return null;
  const median = sorted[quantileIndex(0.5, count)] ?? 0;
  return max / Math.max(median, floor);
}
