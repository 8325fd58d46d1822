import { describe, expect, it } from 'vitest';
import { executorMemoryOverprovisioned as rule, proposeMemoryMb } from '../../../src/diagnose/rules/executor-memory-overprovisioned.js';
import type { RuleInput } from '../../../src/diagnose/types.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { run } from '../../support/runs.js';

function input(runs: ApplicationSummary[]): RuleInput {
  return { dag_id: 'daily_sales', task_id: 'load_orders', runs, successful: runs.filter((r) => r.status === 'succeeded'), min_runs: 3 };
}

describe('rule executor-memory-overprovisioned', () => {
  it('proposes the peak × 1.25 + 300 MiB rounded up to 512 MiB', () => {
    const at12g = (d: number, peak: number): ApplicationSummary =>
      run(d, peak, { executor_memory_mb: 12288, spark_conf: { 'spark.executor.memory': '12g' } });
    const outcome = rule.evaluate(input([at12g(3, 5.1), at12g(2, 5.4), at12g(1, 5.2)]), rule.defaults, 'eventlogs');
    // 5.4 GiB = 5529.6 MiB; × 1.25 + 300 = 7212 → 7680 MiB
    expect(outcome.finding?.recommendations).toEqual([
      expect.objectContaining({ key: 'spark.executor.memory', current: '12g', proposed: '7680m' }),
    ]);
    expect(outcome.finding?.evidence.values).toMatchObject({ max_peak_ratio: 0.45, proposed_memory_mb: 7680 });
    expect(outcome.finding?.evidence.runs).toHaveLength(3);
    expect(outcome.finding?.evidence.spark_versions).toEqual(['3.5.1']);
  });

  it('cuts 16g used to a third by half, and says a later proposal may go further', () => {
    const outcome = rule.evaluate(input([run(3, 5.1), run(2, 5.4), run(1, 5.2)]), rule.defaults, 'eventlogs');
    expect(outcome.finding?.recommendations[0]).toMatchObject({ current: '16g', proposed: '8g' });
    expect(outcome.finding?.evidence.values).toMatchObject({ max_peak_ratio: 0.338 });
    expect(outcome.finding?.detail).toMatch(/capped at a 50% cut per proposal/);
  });

  it('stays silent when the peak reaches 70% of the heap', () => {
    const outcome = rule.evaluate(input([run(3, 11.5), run(2, 11.2), run(1, 10)]), rule.defaults, 'eventlogs');
    expect(outcome.finding).toBeNull();
  });

  it('uses the highest peak of all runs, not the latest', () => {
    const outcome = rule.evaluate(input([run(3, 9), run(2, 3), run(1, 3)]), rule.defaults, 'eventlogs');
    // 9 GiB = 9216 MiB → ratio 0.5625 fires; 9216 × 1.25 + 300 = 11820 → 12288 MiB = 12g
    expect(outcome.finding?.recommendations[0]?.proposed).toBe('12g');
  });

  it('never cuts more than half in one proposal', () => {
    const outcome = rule.evaluate(input([run(3, 1), run(2, 1), run(1, 1)]), rule.defaults, 'eventlogs');
    expect(outcome.finding?.recommendations[0]?.proposed).toBe('8g');
  });

  it('leaves executors of 2g or less alone', () => {
    const small = (d: number): ApplicationSummary => run(d, 0.2, { executor_memory_mb: 2048, spark_conf: {} });
    expect(rule.evaluate(input([small(3), small(2), small(1)]), rule.defaults, 'eventlogs').finding).toBeNull();
  });

  it('says so instead of guessing when runs have no peak metrics', () => {
    const outcome = rule.evaluate(input([run(3, null), run(2, null), run(1, 5)]), rule.defaults, 'eventlogs');
    expect(outcome.finding).toBeNull();
    expect(outcome.notes[0]).toMatch(/Only 1 of 3 successful runs reported executor peak heap/);
  });

  it('keeps peak × 1.2 even when the headroom formula would give less', () => {
    const t = { ...rule.defaults, headroom_factor: 1, headroom_mb: 0 };
    expect(proposeMemoryMb(10_000, 32_768, t)).toBe(16_384); // the 50% cut floor
    expect(proposeMemoryMb(20_000, 40_960, t)).toBe(24_064); // 20000 × 1.2 = 24000 → 24064
  });
});
