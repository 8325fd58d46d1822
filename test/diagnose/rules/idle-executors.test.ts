import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../../src/diagnose/impact.js';
import { idleExecutors as rule } from '../../../src/diagnose/rules/idle-executors.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { prepareRun, type PreparedRun } from '../../../src/whatif/predict-run.js';
import { whatifTask } from '../../../src/whatif/whatif-task.js';
import { ruleInputOf, threeRuns } from '../../support/runs.js';
import { profiledRun, type Phase } from '../../support/stage-profiles.js';

const spread = (count: number, from: number, to: number): number[] => Array.from({ length: count }, (_, i) => from + Math.round(((to - from) * i) / Math.max(1, count - 1)));
const MIN = 60_000;

/** 16 executors × 4 cores for stages of 16 tasks: at most 16 of 64 slots busy. */
const idle: Phase[] = [{ driver_ms: MIN }, { tasks: spread(16, 60_000, 90_000) }, { tasks: spread(16, 20_000, 30_000) }, { driver_ms: 30_000 }];
/** 12 executors × 4 cores: a main stage that fills all 48 slots for 10 minutes between 10-minute driver phases. */
const bursty: Phase[] = [{ driver_ms: 10 * MIN }, { tasks: spread(480, 55_000, 65_000) }, { driver_ms: 10 * MIN }];
/** … and the same main stage followed by one 20-minute task: idle slots, but not driver time. */
const straggler: Phase[] = [{ tasks: spread(480, 55_000, 65_000) }, { tasks: [20 * MIN] }];

const profiled = (phases: Phase[], executors: number, overrides: Partial<ApplicationSummary> = {}): ApplicationSummary[] =>
  [3, 2, 1].map((daysAgo) => profiledRun(daysAgo, phases, executors, 4, overrides));
const evaluate = (runs: ApplicationSummary[], thresholds = rule.defaults) => rule.evaluate(ruleInputOf(runs), thresholds, 'eventlogs');
const slowdownAt = (runs: ApplicationSummary[], executors: number): number => {
  const result = whatifTask(runs, { executors, cores: null }, DEFAULT_PRICES);
  return Math.max(...result.runs.map((r) => r.replay.wall_ms_after / r.replay.wall_ms_before - 1));
};

describe('rule idle-executors', () => {
  it('cuts static executors exactly to the slowdown limit the stage timeline allows', () => {
    const runs = profiled(idle, 16);
    const finding = evaluate(runs).finding;
    expect(finding).toMatchObject({ kind: 'cost', needs_human: false });
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.executor.instances', current: '16', proposed: '4' })]);
    expect(finding?.recommendations[0]?.runtime_effect).toMatch(/^predicted .* at most 0% longer \(stage-timeline replay v1\)$/);
    // 4 executors keep every run within 10%; 3 do not
    expect(slowdownAt(runs, 4)).toBeLessThanOrEqual(0.1);
    expect(slowdownAt(runs, 3)).toBeGreaterThan(0.1);
  });

  it('follows the configured slowdown limit', () => {
    const runs = profiled(idle, 16);
    const proposed = Number(evaluate(runs, { ...rule.defaults, max_slowdown: 1 }).finding?.recommendations[0]?.proposed);
    expect(proposed).toBeLessThan(4);
    expect(slowdownAt(runs, proposed)).toBeLessThanOrEqual(1);
    expect(slowdownAt(runs, proposed - 1)).toBeGreaterThan(1);
  });

  it('never cuts the executors of a bursty job; proposes dynamic allocation up to today’s executors instead', () => {
    const outcome = evaluate(profiled(bursty, 12));
    const recs = outcome.finding?.recommendations ?? [];
    expect(recs.map((r) => r.key)).not.toContain('spark.executor.instances');
    expect(Object.fromEntries(recs.map((r) => [r.key, r.proposed]))).toEqual({
      'spark.dynamicAllocation.enabled': 'true',
      'spark.dynamicAllocation.shuffleTracking.enabled': 'true',
      'spark.dynamicAllocation.minExecutors': '1',
      'spark.dynamicAllocation.initialExecutors': '1',
      'spark.dynamicAllocation.maxExecutors': '12',
    });
    expect(outcome.finding?.detail).toMatch(/would save only \d+%/);
  });

  it('offers no dynamic allocation to a job of one executor: it cannot release any (found on real Spark 3.5)', () => {
    // the healthy job as pyspark 3.5.9 ran it: one executor of one core, Python start-up dominating the wall time
    const healthy: Phase[] = [{ driver_ms: 20_000 }, { tasks: [2000, 1500] }, { tasks: [300] }, { driver_ms: 8000 }];
    const runs = [3, 2, 1].map((daysAgo) => profiledRun(daysAgo, healthy, 1, 1));
    expect(Math.max(...runs.map((r) => r.slot_utilization ?? 1))).toBeLessThan(0.5);
    const outcome = evaluate(runs);
    expect(outcome.finding).toBeNull();
    expect(outcome.notes).toEqual([]);
  });

  it('offers dynamic allocation only when releasing executors saves min_saving of the executor-hours', () => {
    const runs = profiled(bursty, 12);
    expect(evaluate(runs).finding?.recommendations.map((r) => r.key)).toContain('spark.dynamicAllocation.enabled');
    expect(evaluate(runs, { ...rule.defaults, min_saving: 0.99 }).finding).toBeNull();
  });

  it('proposes nothing for a single executor: between 1 and 1 executor dynamic allocation releases nothing', () => {
    const burstOfFour: Phase[] = [{ driver_ms: 10 * MIN }, { tasks: spread(4, 55_000, 65_000) }, { driver_ms: 10 * MIN }];
    const outcome = evaluate(profiled(burstOfFour, 1));
    expect(outcome.finding).toBeNull();
    // nothing to cut below one executor and nothing for dynamic allocation to release: no note for a person either
    expect(outcome.notes.join(' ')).not.toMatch(/a person has to look/);
  });

  it('leaves idle slots that are not driver time to a person', () => {
    const outcome = evaluate(profiled(straggler, 12));
    expect(outcome.finding).toBeNull();
    expect(outcome.notes.join(' ')).toMatch(/no executor cut keeps every run within 10% .* a person has to look/);
  });

  it('cuts maxExecutors of dynamic allocation to what the stages need, never below min, initial or instances', () => {
    const dynamic = (conf: Record<string, string>): Partial<ApplicationSummary> => ({
      executor_instances: null, dynamic_allocation_enabled: true, spark_conf: { 'spark.dynamicAllocation.enabled': 'true', ...conf },
    });
    expect(evaluate(profiled(idle, 10, dynamic({}))).finding?.recommendations).toEqual([
      expect.objectContaining({ key: 'spark.dynamicAllocation.maxExecutors', current: null, proposed: '4' }),
    ]);
    const floored = profiled(idle, 20, dynamic({ 'spark.dynamicAllocation.minExecutors': '14', 'spark.dynamicAllocation.maxExecutors': '30' }));
    expect(evaluate(floored).finding?.recommendations[0]?.proposed).toBe('14');
  });

  it('proposes no cut for runs without a stage profile, and says why', () => {
    const runs = threeRuns({ slot_utilization: 0.3, executor_instances: 16, executors_max_concurrent: 16, dynamic_allocation_enabled: false });
    const outcome = evaluate(runs);
    expect(outcome.finding).toBeNull();
    expect(outcome.notes).toEqual([expect.stringMatching(/only 0 of 3 runs have a stage profile; no executor cut is proposed/)]);
  });

  it('lowers a maxExecutors that no run came near, with or without a profile', () => {
    const runs = threeRuns({
      slot_utilization: 0.8, executor_instances: null, executors_max_concurrent: 6, dynamic_allocation_enabled: true,
      spark_conf: { 'spark.dynamicAllocation.enabled': 'true', 'spark.dynamicAllocation.maxExecutors': '40' },
    });
    const finding = evaluate(runs).finding;
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.dynamicAllocation.maxExecutors', current: '40', proposed: '8' })]);
    expect(finding?.recommendations[0]?.runtime_effect).toMatch(/^none expected/);
  });

  it('reads local-cluster runs: their executors are separate JVMs', () => {
    const finding = evaluate(profiled(idle, 16, { master: 'local-cluster[4,1,1024]' })).finding;
    expect(finding?.recommendations[0]?.key).toBe('spark.executor.instances');
  });

  it.each([
    ['slots busy 60% of the time', profiled(idle, 16, { slot_utilization: 0.6 })],
    ['one busy run among idle ones (the busiest run decides)', [...profiled(idle, 16).slice(1), profiledRun(4, idle, 16, 4, { slot_utilization: 0.55 })]],
    ['local mode', profiled(idle, 16, { master: 'local[*]' })],
    ['plain local mode', profiled(idle, 16, { master: 'local' })],
  ])('stays silent with %s', (_why, runs) => {
    expect(evaluate(runs).finding).toBeNull();
  });

  it('replays every run it reads (no run is skipped for want of columns)', () => {
    expect(profiled(idle, 16).map(prepareRun).every((p): p is PreparedRun => !('problem' in p))).toBe(true);
  });
});
