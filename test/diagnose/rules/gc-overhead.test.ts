import { describe, expect, it } from 'vitest';
import { gcOverhead as rule } from '../../../src/diagnose/rules/gc-overhead.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, run, threeRuns } from '../../support/runs.js';

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

  // gc(0.18) on 4-core executors: 648 s of task GC time, at most 162 s of executor GC time (a pause counts once per running task)
  const major = (ms: number | null, cores: number | null = 4): Partial<ApplicationSummary> => ({ ...gc(0.18), executor_major_gc_time_ms: ms, executor_cores: cores });

  it('asks a person, not for more heap, when the executors\' GC counters say the time is young-generation collections', () => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(major(0), 7)), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: true, recommendations: [] });
    expect(finding?.detail).toMatch(/major \(full\) collections took at most 0% of the GC time: it goes to young-generation collections/);
    expect(finding?.detail).toMatch(/a larger heap was measured not to help.*collect_list.*partition the work more finely/);
    expect(finding?.evidence.values.max_major_gc_share).toBe(0);
  });

  it.each([
    ['major GC is half the executors\' GC time', major(81_000), '50%'],
    // 10% of the task GC time, but 40% of the executors' own: the task sum counts each pause on all 4 cores
    ['major GC is 10% of the task GC time on 4-core executors', major(64_800), '40%'],
  ])('gives a full heap more memory when %s', (_why, overrides, share) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(overrides, 7)), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: false });
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.executor.memory', current: '8g', proposed: '10g' })]);
    expect(finding?.detail).toContain(`with major (full) collections up to ${share} of the GC time`);
  });

  it.each([
    ['no run reported executor GC metrics (Spark before 3.0)', major(null)],
    ['the executor cores are unknown', major(0, null)],
  ])('gives a full heap more memory as before when %s', (_why, overrides) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(overrides, 7)), rule.defaults, 'eventlogs').finding;
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.executor.memory', proposed: '10g' })]);
  });

  it('takes the case for more heap from any run whose major GC is material, and honours min_major_gc_share', () => {
    const mixed = [run(3, 7, major(0)), run(2, 7, major(81_000)), run(1, 7, major(0))];
    expect(rule.evaluate(ruleInputOf(mixed), rule.defaults, 'eventlogs').finding?.recommendations).toHaveLength(1);
    const youngOnly = threeRuns(major(20_000), 7); // 12% of the executors' GC time
    expect(rule.evaluate(ruleInputOf(youngOnly), rule.defaults, 'eventlogs').finding?.recommendations).toEqual([]);
    expect(rule.evaluate(ruleInputOf(youngOnly), { ...rule.defaults, min_major_gc_share: 0.1 }, 'eventlogs').finding?.recommendations).toHaveLength(1);
  });

  it('no longer proposes 512m → 1g for the GC planted on real Spark 4.3 (all young-generation; 1g and 2g were measured not to help)', () => {
    // the three runs' summary rows (local-cluster[1,1,1024], 1 core, 512m; MajorGCTime 0 on every executor)
    const measured: [gcMs: number, runMs: number, peakBytes: number][] = [[890, 5918, 497_995_776], [1378, 6291, 458_149_888], [1465, 7823, 429_314_048]];
    const runs = measured.map(([gcMs, runMs, peakBytes], index) => run(3 - index, null, {
      executor_memory_mb: 512, executor_cores: 1, spark_conf: { 'spark.executor.memory': '512m' },
      jvm_gc_time_ms: gcMs, executor_run_time_ms: runMs, gc_time_ratio: gcMs / runMs, executor_peak_jvm_heap_bytes: peakBytes,
      executor_major_gc_time_ms: 0,
    }));
    const thresholds = { ...rule.defaults, min_executor_time_ms: 1000 };
    const finding = rule.evaluate(ruleInputOf(runs), thresholds, 'eventlogs').finding;
    expect(finding).toMatchObject({ title: 'Garbage collection takes up to 22% of executor time', needs_human: true, recommendations: [] });
    const before = runs.map((r) => ({ ...r, executor_major_gc_time_ms: null }));
    expect(rule.evaluate(ruleInputOf(before), thresholds, 'eventlogs').finding?.recommendations).toEqual([
      expect.objectContaining({ current: '512m', proposed: '1g' }),
    ]);
  });

  it.each([
    ['GC at 8%', threeRuns(gc(0.08), 7)],
    ['less than 5 minutes of executor time', threeRuns(gc(0.3, 4), 7)],
  ])('stays silent with %s', (_why, runs) => {
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
