import { describe, expect, it } from 'vitest';
import { durationSkew, ranksAbove, skewRatio, SKEW_SHUFFLE_READ_FLOOR_BYTES } from '../../../src/metrics/eventlog/task-skew.js';

const stage = (median: number, max: number, tasks = 10): number[] => [...Array<number>(tasks - 1).fill(median), max];
const skewOf = (values: number[]): ReturnType<typeof durationSkew> => durationSkew(values);

describe('durationSkew', () => {
  it('is max / median over a stage with at least 10 tasks, and not measurable with fewer', () => {
    expect(skewOf(stage(60_000, 400_000))).toMatchObject({ ratio: 400_000 / 60_000, maxMs: 400_000 });
    expect(skewOf(stage(60_000, 400_000, 9))).toBeNull();
  });

  it('reports what was measured for short stages too: no noise floor in the ratio', () => {
    expect(skewOf(stage(5, 2000))?.ratio).toBe(400);
    expect(skewOf(stage(20, 180))).toMatchObject({ ratio: 9, maxMs: 180 });
    expect(skewOf(stage(300, 600_000))?.ratio).toBe(2000);
  });

  it('counts a 0 ms median as the clock\'s 1 ms', () => {
    expect(skewOf(stage(0, 40))?.ratio).toBe(40);
    expect(skewOf(stage(0, 0))?.ratio).toBe(0);
  });

  it('takes the History Server\'s median (index ⌊n/2⌋) of the ascending values', () => {
    expect(skewOf([1000, 1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 2000, 8000])?.ratio).toBe(4);
  });
});

describe('ranksAbove', () => {
  const rank = (median: number, max: number): NonNullable<ReturnType<typeof durationSkew>> => {
    const skew = durationSkew(stage(median, max));
    if (!skew) throw new Error('unmeasured');
    return skew;
  };

  it('puts a real straggler above millisecond jitter with a larger ratio (medians under 1 s count as 1 s when comparing)', () => {
    expect(ranksAbove(rank(60_000, 400_000), rank(5, 900))).toBe(true);
    expect(ranksAbove(rank(5, 2000), rank(60_000, 100_000))).toBe(true);
    expect(ranksAbove(rank(600, 3000), rank(15_000, 17_000))).toBe(true);
  });

  it('compares stages that all ran under 1 s by their ratio, and keeps the first on a tie', () => {
    expect(ranksAbove(rank(20, 180), rank(500, 900))).toBe(true);
    expect(ranksAbove(rank(10, 90), rank(20, 180))).toBe(false);
  });
});

describe('skewRatio (shuffle reads)', () => {
  it('raises the median to the floor and ignores stages under it', () => {
    const mib = SKEW_SHUFFLE_READ_FLOOR_BYTES;
    expect(skewRatio(stage(0, 512 * mib), mib)).toBe(512);
    expect(skewRatio(stage(0, mib / 2), mib)).toBeNull();
    expect(skewRatio(stage(0, 512 * mib, 9), mib)).toBeNull();
  });
});
