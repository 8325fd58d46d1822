import { describe, expect, it } from 'vitest';
import { LogHistogram } from '../../../src/metrics/eventlog/log-histogram.js';

describe('LogHistogram', () => {
  it('is exact below 8,192', () => {
    const histogram = new LogHistogram();
    for (let value = 0; value < 8192; value += 1) histogram.add(value);
    expect(histogram.count).toBe(8192);
    expect([0, 0.5, 0.95, 1].map((q) => histogram.quantile(q))).toEqual([0, 4096, 7782, 8191]);
  });

  it('keeps larger values within 1/4,096 of themselves', () => {
    for (const value of [8192, 8193, 12_345, 180_000, 3_600_000, 86_400_000 * 30, 2 ** 40 + 12_345]) {
      const histogram = new LogHistogram();
      histogram.add(value);
      const answer = histogram.quantile(0.5) ?? NaN;
      expect(Math.abs(answer - value) / value).toBeLessThanOrEqual(1 / 4096);
    }
  });

  it('finds the rank the History Server would (⌊q·n⌋) across buckets, with repeated values', () => {
    const histogram = new LogHistogram();
    histogram.add(100, 90);
    histogram.add(600_000, 10);
    expect(histogram.quantile(0.5)).toBe(100);
    expect(histogram.quantile(0.89)).toBe(100);
    expect(Math.abs((histogram.quantile(0.9) ?? 0) - 600_000)).toBeLessThanOrEqual(600_000 / 4096);
    expect(new LogHistogram().quantile(0.5)).toBeNull();
  });
});
