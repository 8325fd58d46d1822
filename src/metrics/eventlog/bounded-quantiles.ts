import { LogHistogram } from './log-histogram.js';
import { quantilesOfSorted } from './quantiles.js';
import { ValueColumn } from './value-column.js';

/** Up to this many values are kept exactly (8 bytes each: 2 MiB). */
export const DEFAULT_EXACT_LIMIT = 262_144;

/**
 * Quantiles of a stream of non-negative integers in bounded memory: exact (History Server
 * rule) while there are at most `exactLimit` values; past that the values move into a
 * LogHistogram and quantiles are within 0.025% (exact below 8,192).
 */
export class BoundedQuantiles {
  private column: ValueColumn | null = new ValueColumn();
  private histogram: LogHistogram | null = null;

  constructor(private readonly exactLimit = DEFAULT_EXACT_LIMIT) {}

  /** Whether quantiles are exact (false once the values outgrew the exact limit). */
  get exact(): boolean {
    return this.histogram === null;
  }

  get count(): number {
    return this.column?.length ?? this.histogram?.count ?? 0;
  }

  add(value: number): void {
    if (this.column && this.column.length < this.exactLimit) {
      this.column.push(value);
      return;
    }
    if (!this.histogram) this.histogram = this.spill();
    this.histogram.add(value);
  }

  /** The quantiles `qs`, null when no value was added. */
  quantiles(qs: readonly number[]): (number | null)[] {
    if (this.histogram) {
      const histogram = this.histogram;
      return qs.map((q) => histogram.quantile(q));
    }
    return quantilesOfSorted(this.column?.sorted() ?? [], qs);
  }

  private spill(): LogHistogram {
    const histogram = new LogHistogram();
    for (const value of this.column?.sorted() ?? []) histogram.add(value);
    this.column = null;
    return histogram;
  }
}
