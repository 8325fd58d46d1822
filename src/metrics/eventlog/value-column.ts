const INITIAL_CAPACITY = 64;

/**
 * A growable column of numbers backed by a Float64Array (8 bytes a value, no per-value
 * object), for the per-stage task values that quantiles are computed from.
 */
export class ValueColumn {
  private values = new Float64Array(INITIAL_CAPACITY);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count] = value;
    this.count += 1;
  }

  /** The values in the order they were pushed (a view, not a copy). */
  view(): Float64Array {
    return this.values.subarray(0, this.count);
  }

  /** The values sorted ascending (sorts the column in place; a view, not a copy). */
  sorted(): Float64Array {
    return this.values.subarray(0, this.count).sort();
  }
}
