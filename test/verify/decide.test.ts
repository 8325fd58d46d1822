import { describe, expect, it } from 'vitest';
import { decide } from '../../src/verify/decide.js';
import { quantile } from '../../src/verify/run-metrics.js';
import type { RunSetMetrics } from '../../src/verify/types.js';

const THRESHOLDS = { min_runs: 3, max_slowdown: 0.2 };

function metrics(overrides: Partial<RunSetMetrics> = {}): RunSetMetrics {
  return {
    runs: 5, successful: 5, memory_failure_runs: 0, other_failed_runs: 0, failed_share: 0, median_duration_ms: 720_000, p95_duration_ms: 800_000,
    median_spill_bytes: 0, median_gc_share: 0.02, gb_hours: 10, core_hours: 4, cost_usd: 1, ...overrides,
  };
}

describe('decide', () => {
  it('says how it decided, with the limit', () => {
    expect(decide(metrics(), metrics({ median_duration_ms: 780_000 }), 0, THRESHOLDS)).toEqual({
      status: 'verified',
      reason: 'Verified over 5 runs: median duration 12m → 13m (+8%, limit +20%); no new memory failures; failed runs 0% → 0%.',
    });
  });

  it('a median slower than the limit is a regression; at the limit it is not', () => {
    expect(decide(metrics(), metrics({ median_duration_ms: 900_000 }), 0, THRESHOLDS).status).toBe('regressed');
    expect(decide(metrics(), metrics({ median_duration_ms: 864_000 }), 0, THRESHOLDS).status).toBe('verified');
  });

  it('memory failures the task already had before are not new', () => {
    expect(decide(metrics({ memory_failure_runs: 1 }), metrics({ memory_failure_runs: 1 }), 0, THRESHOLDS).status).toBe('verified');
    expect(decide(metrics(), metrics({ memory_failure_runs: 1 }), 0, THRESHOLDS).status).toBe('regressed');
  });

  it('runs on the old values only: not deployed; some new-valued runs but too few: not enough runs', () => {
    expect(decide(metrics(), metrics({ runs: 0, successful: 0 }), 2, THRESHOLDS).status).toBe('not-deployed');
    expect(decide(metrics(), metrics({ runs: 2, successful: 2 }), 2, THRESHOLDS).status).toBe('not-enough-runs');
    expect(decide(metrics(), metrics({ runs: 0, successful: 0 }), 0, THRESHOLDS).status).toBe('not-enough-runs');
  });

  it('quantiles interpolate and ignore unknowns', () => {
    expect(quantile([4, null, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8);
    expect(quantile([null], 0.5)).toBeNull();
  });
});
