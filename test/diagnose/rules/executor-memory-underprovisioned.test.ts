import { describe, expect, it } from 'vitest';
import { executorMemoryUnderprovisioned as rule } from '../../../src/diagnose/rules/executor-memory-underprovisioned.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, run, threeRuns } from '../../support/runs.js';

const at8g = { executor_memory_mb: 8192, spark_conf: { 'spark.executor.memory': '8g' } };
const heapOom = (daysAgo: number): ApplicationSummary =>
  run(daysAgo, null, {
    ...at8g,
    status: 'failed',
    oom_failures: 4,
    failure_causes: [{ cause: 'ExceptionFailure: java.lang.OutOfMemoryError', count: 4 }],
    failure_reason: 'Job aborted due to stage failure: Task 0 in stage 1.0 failed 4 times: java.lang.OutOfMemoryError: Java heap space',
  });

describe('rule executor-memory-underprovisioned', () => {
  it.each([
    ['a run failed with OutOfMemoryError', [...threeRuns(at8g, 5), heapOom(0.5)], '12g'],
    ['the heap is full under GC pressure in most runs', threeRuns({ ...at8g, gc_time_ratio: 0.07 }, 7.9), '10g'],
  ])('raises spark.executor.memory when %s', (_why, runs, proposed) => {
    const outcome = rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs');
    expect(outcome.finding?.recommendations).toEqual([
      expect.objectContaining({ key: 'spark.executor.memory', current: '8g', proposed, rule_id: 'executor-memory-underprovisioned' }),
    ]);
    expect(outcome.finding).toMatchObject({ kind: 'reliability', needs_human: false });
    expect(outcome.finding?.evidence.spark_versions).toEqual(['3.5.1']);
  });

  it.each([
    ['the heap is full but GC is low (uncollected garbage)', threeRuns({ ...at8g, gc_time_ratio: 0.01 }, 7.9)],
    ['the heap peaks at 90%', threeRuns({ ...at8g, gc_time_ratio: 0.07 }, 7.2)],
    ['the heap is full in only 1 of 3 runs', [run(3, 7.9, { ...at8g, gc_time_ratio: 0.07 }), ...[2, 1].map((d) => run(d, 5, { ...at8g, gc_time_ratio: 0.07 }))]],
    ['containers were killed (that is the overhead rule)', [...threeRuns(at8g, 5), run(0.5, null, { ...at8g, status: 'failed', failure_causes: [{ cause: 'ExecutorLostFailure (exit code 137)', count: 2 }] })]],
  ])('stays silent when %s', (_why, runs) => {
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
  });

  it('leaves a full heap alone when the executors\' GC counters say the GC is young-generation collections', () => {
    // 7% GC of 20 min on 4 cores: 84 s of task GC time, at most 21 s of executor GC time
    const fullUnderGc = (majorMs: number | null): ApplicationSummary[] =>
      threeRuns({ ...at8g, gc_time_ratio: 0.07, jvm_gc_time_ms: 84_000, executor_major_gc_time_ms: majorMs }, 7.9);
    expect(rule.evaluate(ruleInputOf(fullUnderGc(0)), rule.defaults, 'eventlogs').finding).toBeNull();
    expect(rule.evaluate(ruleInputOf(fullUnderGc(2_000)), rule.defaults, 'eventlogs').finding).toBeNull(); // 10%
    expect(rule.evaluate(ruleInputOf(fullUnderGc(8_400)), rule.defaults, 'eventlogs').finding?.recommendations[0]?.proposed).toBe('10g'); // 40%
    expect(rule.evaluate(ruleInputOf(fullUnderGc(null)), rule.defaults, 'eventlogs').finding?.recommendations[0]?.proposed).toBe('10g');
    expect(rule.evaluate(ruleInputOf(fullUnderGc(0)), { ...rule.defaults, min_major_gc_share: 0 }, 'eventlogs').finding).not.toBeNull();
  });

  it('still raises the heap after an OutOfMemoryError whatever the GC counters say', () => {
    const runs = [...threeRuns({ ...at8g, jvm_gc_time_ms: 84_000, executor_major_gc_time_ms: 0 }, 5), heapOom(0.5)];
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding?.recommendations[0]?.proposed).toBe('12g');
  });

  it('stops at what fits the node with its overhead, and asks a person when nothing fits', () => {
    const runs = [heapOom(1)];
    const fitted = rule.evaluate(ruleInputOf(runs, { node_memory_mb: 11_264 }), rule.defaults, 'eventlogs');
    // 8g × 1.5 = 12g + 1.2g overhead does not fit 11g; 9728m + its 972m overhead does
    expect(fitted.finding?.recommendations[0]?.proposed).toBe('9728m');
    expect(fitted.finding?.detail).toMatch(/would not fit a 11g node/);
    const full = rule.evaluate(ruleInputOf(runs, { node_memory_mb: 8704 }), rule.defaults, 'eventlogs');
    expect(full.finding).toMatchObject({ needs_human: true, recommendations: [] });
  });

  it('honours per-repository thresholds', () => {
    const runs = threeRuns({ ...at8g, gc_time_ratio: 0.07 }, 7.5); // 94%
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
    expect(rule.evaluate(ruleInputOf(runs), { ...rule.defaults, min_peak_ratio: 0.9 }, 'eventlogs').finding).not.toBeNull();
  });
});
