import { describe, expect, it } from 'vitest';
import { quantileIndex, quantilesOfSorted } from '../../../src/metrics/eventlog/quantiles.js';

describe('quantilesOfSorted (the History Server\'s taskSummary rule)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i * 10);

  it('takes the value at index min(⌊q·n⌋, n − 1), without interpolation', () => {
    expect(quantilesOfSorted(hundred, [0, 0.01, 0.05, 0.5, 0.95, 0.99, 1])).toEqual([0, 10, 50, 500, 950, 990, 990]);
    expect(quantilesOfSorted([3, 7], [0.5])).toEqual([7]);
    expect(quantileIndex(0.5, 11)).toBe(5);
  });

  it('gives nulls for no values', () => {
    expect(quantilesOfSorted([], [0.5, 0.95])).toEqual([null, null]);
  });
});
