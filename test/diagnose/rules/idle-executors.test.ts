import { describe, expect, it } from 'vitest';
import { idleExecutors as rule } from '../../../src/diagnose/rules/idle-executors.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, threeRuns } from '../../support/runs.js';

const fixed = (util: number, instances = 16): Partial<ApplicationSummary> => ({
  slot_utilization: util,
  executor_instances: instances,
  executors_max_concurrent: instances,
  dynamic_allocation_enabled: false,
  spark_conf: { 'spark.executor.instances': String(instances) },
});

const dynamic = (util: number, used: number, conf: Record<string, string>): Partial<ApplicationSummary> => ({
  slot_utilization: util,
  executor_instances: null,
  executors_max_concurrent: used,
  dynamic_allocation_enabled: true,
  spark_conf: { 'spark.dynamicAllocation.enabled': 'true', ...conf },
});

describe('rule idle-executors', () => {
  it.each([
    // 16 × 0.3 / 0.7 = 6.9 → 7, but at most a 50% cut → 8
    ['static 16 executors busy 30% of the time', fixed(0.3), 'spark.executor.instances', '16', '8', /may take up to 2× longer/],
    // 20 × 0.4 / 0.7 = 11.4 → 12
    ['static 20 executors busy 40% of the time', fixed(0.4, 20), 'spark.executor.instances', '20', '12', /not estimated/],
    // dynamic allocation used 10 executors at 20%: 10 × 0.2 / 0.7 → 3, but at most a 50% cut → 5
    ['dynamic allocation busy 20% of the time', dynamic(0.2, 10, {}), 'spark.dynamicAllocation.maxExecutors', null, '5', /not estimated/],
    // never more than 6 of 40: 6 × 1.25 = 7.5 → 8
    ['dynamic allocation far below its max', dynamic(0.8, 6, { 'spark.dynamicAllocation.maxExecutors': '40' }), 'spark.dynamicAllocation.maxExecutors', '40', '8', /^none expected/],
  ])('asks for fewer executors when %s', (_why, overrides, key, current, proposed, runtime) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ kind: 'cost', needs_human: false });
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key, current, proposed })]);
    expect(finding?.recommendations[0]?.runtime_effect).toMatch(runtime);
  });

  it('never goes below minExecutors, initialExecutors or instances', () => {
    const overrides = dynamic(0.1, 20, { 'spark.dynamicAllocation.minExecutors': '14', 'spark.dynamicAllocation.maxExecutors': '30' });
    expect(rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding?.recommendations[0]?.proposed).toBe('14');
  });

  it('reads local-cluster runs: their executors are separate JVMs', () => {
    const finding = rule.evaluate(ruleInputOf(threeRuns({ ...fixed(0.1), master: 'local-cluster[4,1,1024]' })), rule.defaults, 'eventlogs').finding;
    expect(finding?.recommendations[0]?.key).toBe('spark.executor.instances');
  });

  it.each([
    ['slots busy 60% of the time', threeRuns(fixed(0.6))],
    ['one busy run among idle ones (the busiest run decides)', [...threeRuns(fixed(0.3)).slice(1), { ...threeRuns(fixed(0.55))[0] } as ApplicationSummary]],
    ['dynamic allocation that used most of its max', threeRuns(dynamic(0.8, 30, { 'spark.dynamicAllocation.maxExecutors': '40' }))],
    ['local mode', threeRuns({ ...fixed(0.1), master: 'local[*]' })],
    ['plain local mode', threeRuns({ ...fixed(0.1), master: 'local' })],
  ])('stays silent with %s', (_why, runs) => {
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
