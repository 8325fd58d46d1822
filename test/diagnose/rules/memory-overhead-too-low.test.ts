import { describe, expect, it } from 'vitest';
import { memoryOverheadTooLow as rule } from '../../../src/diagnose/rules/memory-overhead-too-low.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, run, threeRuns } from '../../support/runs.js';

const killed = (cause: string, overrides: Partial<ApplicationSummary> = {}): ApplicationSummary =>
  run(0.5, 5, { executor_lost_failures: 2, oom_failures: 2, failure_causes: [{ cause, count: 2 }], ...overrides });

describe('rule memory-overhead-too-low', () => {
  it.each([
    ['exceeding memory limits', 'ExecutorLostFailure (exceeding memory limits)', {}, null, '3g'],
    ['exit code 137', 'ExecutorLostFailure (exit code 137)', {}, null, '3g'],
    ['exit code 143, with an explicit 2g overhead', 'ExecutorLostFailure (exit code 143)', { executor_memory_overhead_mb: 2048 }, '2g', '3g'],
  ])('adds 1g to the overhead after %s', (_why, cause, overrides, current, proposed) => {
    const conf = { 'spark.executor.memory': '16g', ...(current ? { 'spark.executor.memoryOverhead': current } : {}) };
    const runs = [...threeRuns({ ...overrides, spark_conf: conf }, 5), killed(cause, { ...overrides, spark_conf: conf })];
    const finding = rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding;
    // 16g's default overhead is 1638m; + 1g = 2662m, rounded up to 3g
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.executor.memoryOverhead', current, proposed })]);
    expect(finding?.evidence.values).toMatchObject({ container_kills: 2, runs_affected: 1 });
    expect(finding?.evidence.runs.map((r) => r.app_id)).toEqual([runs[3]?.app_id]);
  });

  it.each([
    ['a heap OutOfMemoryError', 'ExceptionFailure: java.lang.OutOfMemoryError'],
    ['an exit code 52 (the JVM ran out of heap)', 'ExecutorLostFailure (exit code 52)'],
    ['an unrelated executor loss', 'ExecutorLostFailure'],
  ])('stays silent after %s', (_why, cause) => {
    expect(rule.evaluate(ruleInputOf([...threeRuns({}, 5), killed(cause)]), rule.defaults, 'eventlogs').finding).toBeNull();
  });

  it('asks a person when heap + the larger overhead would not fit the node', () => {
    const finding = rule.evaluate(ruleInputOf([killed('ExecutorLostFailure (exit code 137)')], { node_memory_mb: 18_432 }), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: true, recommendations: [] });
    expect(finding?.detail).toMatch(/would not fit a 18g node/);
  });

  it('can require kills in more runs', () => {
    const runs = [...threeRuns({}, 5), killed('ExecutorLostFailure (exit code 137)')];
    expect(rule.evaluate(ruleInputOf(runs), { ...rule.defaults, min_runs_with_kills: 2 }, 'eventlogs').finding).toBeNull();
  });
});
