import { describe, expect, it } from 'vitest';
import { taskSkew as rule } from '../../../src/diagnose/rules/task-skew.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, threeRuns } from '../../support/runs.js';

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
  ])('stays silent with %s', (_why, overrides) => {
    expect(rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
