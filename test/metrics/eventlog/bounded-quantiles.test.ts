import { describe, expect, it } from 'vitest';
import { BoundedQuantiles } from '../../../src/metrics/eventlog/bounded-quantiles.js';

describe('BoundedQuantiles', () => {
  it('is exact while the values fit, whatever their order', () => {
    const quantiles = new BoundedQuantiles(1000);
    for (const value of [50_000, 10, 1_234_567, 20, 30]) quantiles.add(value);
    expect(quantiles.exact).toBe(true);
    expect(quantiles.quantiles([0, 0.5, 1])).toEqual([10, 30, 1_234_567]);
  });

  it('moves to a histogram past the limit, keeping counts and close quantiles', () => {
    const quantiles = new BoundedQuantiles(100);
    for (let i = 1; i <= 1000; i += 1) quantiles.add(i * 1000);
    expect(quantiles.exact).toBe(false);
    expect(quantiles.count).toBe(1000);
    const [p50, p95] = quantiles.quantiles([0.5, 0.95]);
    expect(Math.abs((p50 ?? 0) - 501_000)).toBeLessThanOrEqual(501_000 / 4096);
    expect(Math.abs((p95 ?? 0) - 951_000)).toBeLessThanOrEqual(951_000 / 4096);
  });

  it('answers null without values', () => {
    expect(new BoundedQuantiles().quantiles([0.5])).toEqual([null]);
  });
});
