import { describe, expect, it } from 'vitest';
import { dynamicAllocationBounds as rule } from '../../../src/diagnose/rules/dynamic-allocation-bounds.js';
import { ruleInputOf, run } from '../../support/runs.js';

const withConf = (conf: Record<string, string>) => [run(1, 5, { spark_conf: { 'spark.dynamicAllocation.enabled': 'true', ...conf } })];

describe('rule dynamic-allocation-bounds', () => {
  it.each([
    ['min > initial', { 'spark.dynamicAllocation.minExecutors': '4', 'spark.dynamicAllocation.initialExecutors': '2' }, { 'spark.dynamicAllocation.initialExecutors': '4' }],
    ['initial > max', { 'spark.dynamicAllocation.initialExecutors': '12', 'spark.dynamicAllocation.maxExecutors': '10' }, { 'spark.dynamicAllocation.initialExecutors': '10' }],
    ['instances > max', { 'spark.executor.instances': '20', 'spark.dynamicAllocation.maxExecutors': '10' }, { 'spark.executor.instances': '10' }],
    ['min > max (Spark refuses to start)', { 'spark.dynamicAllocation.minExecutors': '12', 'spark.dynamicAllocation.maxExecutors': '10' }, { 'spark.dynamicAllocation.minExecutors': '10' }],
    [
      'min > initial and instances > max',
      { 'spark.dynamicAllocation.minExecutors': '4', 'spark.dynamicAllocation.initialExecutors': '2', 'spark.dynamicAllocation.maxExecutors': '6', 'spark.executor.instances': '8' },
      { 'spark.dynamicAllocation.initialExecutors': '4', 'spark.executor.instances': '6' },
    ],
  ])('moves the bounds inside maxExecutors when %s', (_why, conf, expected) => {
    const finding = rule.evaluate(ruleInputOf(withConf(conf), { min_runs: 1 }), rule.defaults, 'eventlogs').finding;
    expect(Object.fromEntries(finding?.recommendations.map((r) => [r.key, r.proposed]) ?? [])).toEqual(expected);
    expect(finding?.kind).toBe('reliability');
  });

  it.each([
    ['consistent bounds', { 'spark.dynamicAllocation.minExecutors': '2', 'spark.dynamicAllocation.initialExecutors': '4', 'spark.dynamicAllocation.maxExecutors': '10' }],
    ['instances without a max', { 'spark.executor.instances': '50' }],
  ])('stays silent with %s', (_why, conf) => {
    expect(rule.evaluate(ruleInputOf(withConf(conf)), rule.defaults, 'eventlogs').finding).toBeNull();
  });

  it('ignores the bounds when dynamic allocation is off', () => {
    const runs = [run(1, 5, { spark_conf: { 'spark.dynamicAllocation.enabled': 'false', 'spark.executor.instances': '20', 'spark.dynamicAllocation.maxExecutors': '10' } })];
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
