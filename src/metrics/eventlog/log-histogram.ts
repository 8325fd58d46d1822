import { quantileIndex } from './quantiles.js';

/** Values below 2^EXACT_BITS are counted exactly; above, each power of two is split in 2^(EXACT_BITS − 1) buckets. */
const EXACT_BITS = 13;
const EXACT_LIMIT = 2 ** EXACT_BITS;
const SUB_BUCKETS = EXACT_LIMIT / 2;

/**
 * A log-linear histogram of non-negative integers (HdrHistogram's layout) with bounded
 * memory: values below 8,192 are exact, larger ones fall in buckets at most 1/4,096 (0.025%)
 * of their value wide. Buckets are kept sparse, so memory follows the spread of the values.
 */
export class LogHistogram {
  private readonly buckets = new Map<number, number>();
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(value: number, times = 1): void {
    const index = bucketOf(Math.max(0, Math.round(value)));
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + times);
    this.total += times;
  }

  /** Quantile q by the History Server's index rule; the middle of the bucket holding that rank. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = quantileIndex(q, this.total);
    let seen = 0;
    for (const index of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(index) ?? 0;
      if (seen > rank) return representative(index);
    }
    return null;
  }
}

function bucketOf(value: number): number {
  if (value < EXACT_LIMIT) return value;
  const exponent = floorLog2(value);
  const shift = exponent - (EXACT_BITS - 1);
  const sub = Math.floor(value / 2 ** shift) - SUB_BUCKETS;
  return EXACT_LIMIT + (exponent - EXACT_BITS) * SUB_BUCKETS + sub;
}

function representative(index: number): number {
  if (index < EXACT_LIMIT) return index;
  const offset = index - EXACT_LIMIT;
  const exponent = EXACT_BITS + Math.floor(offset / SUB_BUCKETS);
  const shift = exponent - (EXACT_BITS - 1);
  const low = (SUB_BUCKETS + (offset % SUB_BUCKETS)) * 2 ** shift;
  return low + Math.floor((2 ** shift - 1) / 2);
}

function floorLog2(value: number): number {
  let exponent = Math.floor(Math.log2(value));
  if (2 ** exponent > value) exponent -= 1;
  else if (2 ** (exponent + 1) <= value) exponent += 1;
  return exponent;
}
