import { describe, expect, it } from 'vitest';
import { skewRatio, SKEW_DURATION_FLOOR_MS } from '../../../src/metrics/eventlog/task-skew.js';

const stage = (median: number, max: number, tasks = 10): number[] => [...Array<number>(tasks - 1).fill(median), max];

describe('skewRatio', () => {
  it('is max / median over a stage with at least 10 tasks', () => {
    expect(skewRatio(stage(60_000, 400_000), SKEW_DURATION_FLOOR_MS)).toBeCloseTo(400_000 / 60_000);
    expect(skewRatio(stage(60_000, 400_000, 9), SKEW_DURATION_FLOOR_MS)).toBeNull();
  });

  it('raises sub-second medians to 1 s, so millisecond noise stays small and real stragglers still show', () => {
    expect(skewRatio(stage(5, 2000), SKEW_DURATION_FLOOR_MS)).toBe(2);
    expect(skewRatio(stage(300, 600_000), SKEW_DURATION_FLOOR_MS)).toBe(600);
  });

  it('ignores stages whose longest task is under the floor', () => {
    expect(skewRatio(stage(5, 900), SKEW_DURATION_FLOOR_MS)).toBeNull();
  });

  it('takes the History Server\'s median (index ⌊n/2⌋) of the ascending values', () => {
    expect(skewRatio([1000, 1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 2000, 8000], SKEW_DURATION_FLOOR_MS)).toBe(4);
  });
});
