import { describe, expect, it } from 'vitest';
import { flooredSkewRatio, taskSkew as rule } from '../../../src/diagnose/rules/task-skew.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, run, threeRuns } from '../../support/runs.js';

const skewed = (extra: Partial<ApplicationSummary> = {}, conf: Record<string, string> = {}): Partial<ApplicationSummary> => ({
  max_task_skew_ratio: 12,
  skew_stage_id: 4,
  task_duration_max_ms: 300_000,
  stage_duration_max_ms: 320_000,
  spark_conf: { 'spark.executor.memory': '16g', ...conf },
  ...extra,
});

describe('rule task-skew', () => {
  it('turns AQE on and names the skewed stage', () => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(skewed({}, { 'spark.sql.adaptive.enabled': 'false' }))), rule.defaults, 'eventlogs').finding;
    expect(finding?.title).toBe('Stage 4 is skewed: its longest task ran 12× the median');
    expect(finding?.evidence.stages).toEqual([4]);
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.sql.adaptive.enabled', current: 'false', proposed: 'true' })]);
  });

  it.each([
    ['Spark 3.1 without AQE set (off by default before 3.2)', skewed({ spark_version: '3.1.3' }), ['spark.sql.adaptive.enabled']],
    ['skew join switched off', skewed({}, { 'spark.sql.adaptive.skewJoin.enabled': 'false' }), ['spark.sql.adaptive.skewJoin.enabled']],
  ])('recommends what is off: %s', (_why, overrides, keys) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding;
    expect(finding?.recommendations.map((r) => r.key)).toEqual(keys);
  });

  it.each([
    ['AQE skew join is already on (Spark 3.5 default)', skewed(), /salt the hot key/],
    ['Spark 2.4 has no AQE skew join', skewed({ spark_version: '2.4.8' }), /has no adaptive skew-join handling/],
  ])('asks a person when %s', (_why, overrides, detail) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: true, recommendations: [] });
    expect(finding?.detail).toMatch(detail);
  });

  it.each([
    ['max/median below 5', skewed({ max_task_skew_ratio: 4 })],
    ['the longest task under 150 s', skewed({ task_duration_max_ms: 140_000 })],
    ['the longest task a small part of the stage', skewed({ stage_duration_max_ms: 900_000 })],
    ['no skew metrics', skewed({ max_task_skew_ratio: null })],
    ['a measured ratio of 9 in a stage of 20 ms tasks (all short)', skewed({ max_task_skew_ratio: 9, skew_stage_task_max_ms: 180, task_duration_max_ms: 180, stage_duration_max_ms: 400 })],
    ['a 3 s straggler over 600 ms tasks while a 287 s task runs elsewhere', skewed({ max_task_skew_ratio: 5.33, skew_stage_task_max_ms: 3185 })],
  ])('stays silent with %s', (_why, overrides) => {
    expect(rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding).toBeNull();
  });

  it('applies its noise floors to the skewed stage: sub-second medians count as 1 s, and the floors are settings', () => {
    const classic = skewed({ max_task_skew_ratio: 2000, skew_stage_task_max_ms: 600_000, task_duration_max_ms: 600_000, stage_duration_max_ms: 610_000 });
    expect(rule.evaluate(ruleInputOf(threeRuns(classic)), rule.defaults, 'eventlogs').finding?.title).toBe('Stage 4 is skewed: its longest task ran 2000× the median');
    const shortStage = skewed({ max_task_skew_ratio: 5.33, skew_stage_task_max_ms: 3185 });
    expect(rule.evaluate(ruleInputOf(threeRuns(shortStage)), { ...rule.defaults, median_floor_ms: 500 }, 'eventlogs').finding).not.toBeNull();
    expect(flooredSkewRatio(run(1, null, shortStage), rule.defaults)).toBeCloseTo(3.185);
    expect(flooredSkewRatio(run(1, null, { max_task_skew_ratio: 9, skew_stage_task_max_ms: 180 }), rule.defaults)).toBeNull();
    expect(flooredSkewRatio(run(1, null, { max_task_skew_ratio: 9, skew_stage_task_max_ms: 180 }), { median_floor_ms: 10, min_stage_max_task_ms: 100 })).toBe(9);
  });

  it('takes a row without skew_stage_task_max_ms (written before it existed) as already floored', () => {
    expect(flooredSkewRatio(run(1, null, { max_task_skew_ratio: 12, skew_stage_task_max_ms: null }), rule.defaults)).toBe(12);
  });
});
