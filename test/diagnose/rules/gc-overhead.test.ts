import { describe, expect, it } from 'vitest';
import { gcOverhead as rule } from '../../../src/diagnose/rules/gc-overhead.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, threeRuns } from '../../support/runs.js';

const gc = (ratio: number, runMinutes = 60): Partial<ApplicationSummary> => ({
  gc_time_ratio: ratio,
  executor_run_time_ms: runMinutes * 60_000,
  jvm_gc_time_ms: ratio * runMinutes * 60_000,
  executor_memory_mb: 8192,
  spark_conf: { 'spark.executor.memory': '8g' },
});

describe('rule gc-overhead', () => {
  it('gives a full heap 25% more memory', () => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(gc(0.18), 7)), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ kind: 'reliability', needs_human: false, title: 'Garbage collection takes up to 18% of executor time' });
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.executor.memory', current: '8g', proposed: '10g' })]);
  });

  it.each([
    ['the heap is mostly empty (allocation churn)', 3, /allocation churn/],
    ['the peak heap is unknown', null, /no executor peak heap/],
  ])('asks a person when %s', (_why, peakGib, detail) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(gc(0.18), peakGib)), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: true, recommendations: [] });
    expect(finding?.detail).toMatch(detail);
  });

  it.each([
    ['GC at 8%', threeRuns(gc(0.08), 7)],
    ['less than 5 minutes of executor time', threeRuns(gc(0.3, 4), 7)],
  ])('stays silent with %s', (_why, runs) => {
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
