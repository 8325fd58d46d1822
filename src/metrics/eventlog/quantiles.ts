/**
 * Quantiles the way the Spark History Server's `taskSummary` computes them
 * (`AppStatusStore.taskSummary`): over n values sorted ascending, quantile q is the value at
 * index min(⌊q·n⌋, n − 1) — no interpolation, so every answer is a value that occurred.
 */
export function quantileIndex(q: number, count: number): number {
  return Math.min(Math.floor(q * count), count - 1);
}

/** The quantiles `qs` of ascending `sorted` values (History Server rule); empty input gives nulls. */
export function quantilesOfSorted(sorted: ArrayLike<number>, qs: readonly number[]): (number | null)[] {
  if (sorted.length === 0) return qs.map(() => null);
  return qs.map((q) => sorted[quantileIndex(q, sorted.length)] ?? null);
}
