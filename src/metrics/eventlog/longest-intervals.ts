/** An interval [from, to] in epoch ms. */
export type Interval = [number, number];

/**
 * The `limit` longest intervals of a stream, in bounded memory (at most twice `limit` are held).
 * Longer first; of equal length the earlier one wins, so the choice does not depend on the
 * order they arrive in.
 */
export class LongestIntervals {
  private kept: Interval[] = [];

  constructor(private readonly limit: number) {}

  add(from: number, to: number): void {
    this.kept.push([from, to]);
    if (this.kept.length >= 2 * this.limit) this.kept = longest(this.kept, this.limit);
  }

  /** The longest `limit` of those added and `extra`, in time order. */
  result(extra: readonly Interval[] = []): Interval[] {
    return longest([...this.kept, ...extra], this.limit).sort(([fromA, toA], [fromB, toB]) => fromA - fromB || toA - toB);
  }
}

function longest(intervals: Interval[], limit: number): Interval[] {
  return intervals.sort(([fromA, toA], [fromB, toB]) => toB - fromB - (toA - fromA) || fromA - fromB).slice(0, limit);
}
