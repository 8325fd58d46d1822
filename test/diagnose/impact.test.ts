import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, estimateImpact, RUNTIME_AS_MEASURED, RUNTIME_NOT_PREDICTED } from '../../src/diagnose/impact.js';
import type { Recommendation } from '../../src/diagnose/types.js';
import { WHATIF_METHOD } from '../../src/whatif/method.js';
import { run } from '../support/runs.js';
import { profiledRun, type Phase } from '../support/stage-profiles.js';

const rec = (key: string, proposed: string, runtime_effect?: string): Recommendation => ({
  rule_id: 'r', key, current: null, proposed, reason: 'test', ...(runtime_effect ? { runtime_effect } : {}),
});
// 8 executors × 4 cores alive 20 minutes with 16g (+ 1638m default overhead): 8/3 executor-hours
const runs = [run(2, 5), run(1, 5)];
const EXECUTOR_HOURS = 8 / 3;

describe('estimateImpact', () => {
  it('prices the allocated executor GB-hours and core-hours per run at the default rates', () => {
    const impact = estimateImpact(runs, [rec('spark.executor.memory', '8g')]);
    expect(impact?.gb_hours_before).toBeCloseTo((EXECUTOR_HOURS * (16384 + 1638)) / 1024, 6);
    expect(impact?.gb_hours_after).toBeCloseTo((EXECUTOR_HOURS * (8192 + 819)) / 1024, 6);
    expect(impact?.core_hours_before).toBeCloseTo(EXECUTOR_HOURS * 4, 6);
    expect(impact?.cost_before_usd).toBeCloseTo(EXECUTOR_HOURS * 4 * DEFAULT_PRICES.vcpu_hour_usd + ((EXECUTOR_HOURS * 18022) / 1024) * DEFAULT_PRICES.gb_hour_usd, 6);
    expect(impact?.runs).toBe(2);
  });

  it.each([
    ['an explicit overhead', [rec('spark.executor.memoryOverhead', '4g')], 16384 + 4096, 4, 1],
    ['a maxExecutors above the 8 used', [rec('spark.dynamicAllocation.maxExecutors', '12')], 16384 + 1638, 4, 1],
    ['2 cores instead of 4', [rec('spark.executor.cores', '2')], 16384 + 1638, 2, 1],
  ])('estimates %s', (_why, recs, containerMb, cores, executorShare) => {
    const impact = estimateImpact(runs.map((r) => ({ ...r, executors_max_concurrent: 8 })), recs);
    expect(impact?.gb_hours_after).toBeCloseTo((EXECUTOR_HOURS * executorShare * containerMb) / 1024, 6);
    expect(impact?.core_hours_after).toBeCloseTo(EXECUTOR_HOURS * executorShare * cores, 6);
  });

  it('counts the driver container apart and prices it, and names the runtime effect of each change', () => {
    const withDriver = runs.map((r) => ({ ...r, driver_memory_mb: 8192 }));
    const impact = estimateImpact(withDriver, [rec('spark.driver.memory', '4g', 'none expected'), rec('spark.sql.shuffle.partitions', '400')]);
    // 20 minutes × (8g + 819m default overhead) before, (4g + 409m) after
    expect(impact?.driver_gb_hours_before).toBeCloseTo(((1 / 3) * (8192 + 819)) / 1024, 6);
    expect(impact?.driver_gb_hours_after).toBeCloseTo(((1 / 3) * (4096 + 409)) / 1024, 6);
    expect((impact?.cost_before_usd ?? 0) - (impact?.cost_after_usd ?? 0)).toBeCloseTo((((1 / 3) * 4506) / 1024) * DEFAULT_PRICES.gb_hour_usd, 6);
    expect(impact?.runtime_effect).toBe('spark.driver.memory: none expected; spark.sql.shuffle.partitions: not estimated');
  });

  it('takes "before" from the runs with today’s settings, and gives up without executor lifetimes', () => {
    const older = run(3, 5, { executor_memory_mb: 32768, executor_memory_mb_ms_allocated: 8 * 20 * 60_000 * 32768 });
    expect(estimateImpact([older, ...runs], [rec('spark.executor.memory', '8g')])?.runs).toBe(2);
    expect(estimateImpact(runs.map((r) => ({ ...r, executor_memory_mb_ms_allocated: null })), [])).toBeNull();
  });

  it('predicts runtime and executor time with the stage timeline when the executors change', () => {
    // 12 executors × 4 cores: 10 min of driver work, 96 one-minute tasks (two waves on 48 slots), 5 min of driver work
    const phases: Phase[] = [{ driver_ms: 600_000 }, { tasks: Array(96).fill(60_000) }, { driver_ms: 300_000 }];
    const profiled = [profiledRun(2, phases, 12), profiledRun(1, phases, 12)];
    const impact = estimateImpact(profiled, [rec('spark.executor.instances', '6')]);
    expect(impact?.runtime_method).toBe(WHATIF_METHOD);
    expect(impact?.runtime_ms_before).toBe(1_020_000);
    // the stage takes longer on 24 slots, so the run does too
    expect(impact?.runtime_ms_after).toBeGreaterThan(1_020_000);
    const share = (6 / 12) * ((impact?.runtime_ms_after ?? 0) / 1_020_000);
    expect(impact?.core_hours_after).toBeCloseTo((impact?.core_hours_before ?? 0) * share, 6);
    expect(impact?.gb_hours_after).toBeCloseTo((impact?.gb_hours_before ?? 0) * share, 6);
  });

  it('credits no saving for an executor cut on runs without a stage profile, and says so', () => {
    const impact = estimateImpact(runs, [rec('spark.executor.instances', '4')]);
    expect(impact?.core_hours_after).toBeCloseTo(impact?.core_hours_before ?? 0, 6);
    expect(impact?.runtime_method).toBe(RUNTIME_NOT_PREDICTED);
    expect(impact?.runtime_unpredicted_runs).toBe(2);
  });

  it('keeps the measured runtime when neither executors nor cores change', () => {
    const impact = estimateImpact(runs, [rec('spark.executor.memory', '8g')]);
    expect(impact?.runtime_method).toBe(RUNTIME_AS_MEASURED);
    expect(impact?.runtime_ms_after).toBe(20 * 60_000);
  });

  it('prices dynamic allocation on a bursty job as executors released through the driver-only phases', () => {
    const phases: Phase[] = [{ driver_ms: 600_000 }, { tasks: Array(480).fill(60_000) }, { driver_ms: 600_000 }];
    const bursty = [profiledRun(1, phases, 12)];
    const impact = estimateImpact(bursty, [rec('spark.dynamicAllocation.enabled', 'true'), rec('spark.dynamicAllocation.minExecutors', '1')]);
    // two 10-minute pauses: 12 executors for the first minute of each, then 1
    const released = (2 * 9 * 60_000 * 11) / (12 * 1_800_000);
    expect(impact?.core_hours_after).toBeCloseTo((impact?.core_hours_before ?? 0) * (1 - released), 6);
    expect(impact?.runtime_ms_after).toBe(impact?.runtime_ms_before);
  });
});

