import { describe, expect, it } from 'vitest';
import { renderVerification } from '../../src/verify/render-table.js';
import { realizedSavings } from '../../src/verify/savings.js';
import type { RunSetMetrics, TaskVerification } from '../../src/verify/types.js';

function metrics(overrides: Partial<RunSetMetrics> = {}): RunSetMetrics {
  return {
    runs: 5, successful: 5, memory_failure_runs: 0, other_failed_runs: 0, failed_share: 0, median_duration_ms: 720_000, p95_duration_ms: 800_000,
    median_spill_bytes: 0, median_gc_share: 0.02, gb_hours: 10, core_hours: 4, cost_usd: 1, ...overrides,
  };
}

function verification(overrides: Partial<TaskVerification> = {}): TaskVerification {
  return {
    dag_id: 'daily_sales', task_id: 'load_orders', fingerprint: 'f', status: 'verified', reason: 'Verified.',
    changes: [{ task_id: 'load_orders', key: 'spark.executor.memory', old_value: '16g', new_value: '8g' }],
    before: metrics(), after: metrics({ gb_hours: 6, core_hours: 3, cost_usd: 0.7 }), not_deployed_runs: 0, runs_per_day: 2, ...overrides,
  };
}

describe('realizedSavings', () => {
  it('per month from the runs per day observed, verified tasks only', () => {
    const total = realizedSavings([verification(), verification({ status: 'regressed', task_id: 'other' })]);
    expect(total.savings).toHaveLength(1);
    expect(total.gb_hours_per_month).toBeCloseTo(4 * 2 * 30);
    expect(total.core_hours_per_month).toBeCloseTo(1 * 2 * 30);
    expect(total.usd_per_month).toBeCloseTo(0.3 * 2 * 30);
    expect(total.notes).toEqual([]);
  });

  it('a verified task without a run rate is noted, not counted as zero', () => {
    const total = realizedSavings([verification({ runs_per_day: null })]);
    expect(total.savings).toEqual([]);
    expect(total.notes).toEqual(['daily_sales.load_orders: verified, but its saving is not measured (allocation metrics or the run rate are missing).']);
  });
});

describe('renderVerification', () => {
  it('escapes ids and values from the data', () => {
    const text = renderVerification(
      verification({
        task_id: 'evil|<b>@team',
        reason: 'x | y <script>',
        changes: [{ task_id: 't', key: 'spark.k|x', old_value: null, new_value: '`1`' }],
        not_deployed_runs: 2,
      }),
    );
    expect(text).toContain('### daily_sales.evil\\|&lt;b&gt;@&#8203;team: verified');
    expect(text).toContain('`spark.k\\|x` `unset` → `` `1` ``');
    expect(text).toContain('x \\| y &lt;script&gt;');
    expect(text).toContain('| Allocated GB-hours / run | 10.00 | 6.00 |');
    expect(text).toContain('2 run(s) since the merge still used the old values and are not compared.');
  });
});
