import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnoseTask, type DiagnoseOptions } from '../../src/diagnose/diagnose-task.js';
import { executorOverheadMb } from '../../src/diagnose/memory-math.js';
import { isResourceCut } from '../../src/diagnose/resource-cuts.js';
import { allocationOf, allocationProblems, sameSetting } from '../../src/diagnose/spark-settings.js';
import type { TaskDiagnosis } from '../../src/diagnose/types.js';
import { parseMemoryMb } from '../../src/metrics/memory-size.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { NOW, run } from '../support/runs.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** A task's configuration: what every run of the history was submitted with. */
const configArb = fc.record({
  memoryMb: fc.integer({ min: 1, max: 64 }).map((g) => g * 1024),
  driverMb: fc.integer({ min: 1, max: 32 }).map((g) => g * 1024),
  overheadMb: fc.option(fc.integer({ min: 384, max: 8192 }), { nil: null }),
  cores: fc.integer({ min: 1, max: 8 }),
  dynamic: fc.boolean(),
  min: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  initial: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  max: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  instances: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  partitions: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
  nonHeap: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: fc.constantFrom('offheap', 'pyspark'), weight: 1 }),
});
type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

/** A fraction in [min, max] in steps of 1/1000 (fc.double favours tiny values: doubles are dense near 0). */
const fraction = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((n) => n / 1000);

/** One run's measurements (fractions of the configured sizes, so they stay physical). */
const metricsArb = fc.record({
  peak: fc.option(fraction(0.01, 1), { nil: null }),
  driverPeak: fc.option(fraction(0.01, 1), { nil: null }),
  gc: fraction(0, 0.4),
  util: fraction(0.01, 1),
  used: fc.integer({ min: 1, max: 40 }),
  spill: fraction(0, 2),
  p50: fc.integer({ min: 10, max: 600_000 }),
  tasks: fc.integer({ min: 1, max: 20_000 }),
  skew: fraction(1, 30),
  failure: fc.oneof(
    { arbitrary: fc.constant(null), weight: 15 },
    { arbitrary: fc.constantFrom('heap', 'container', 'exit52', 'fetch', 'exception'), weight: 2 },
  ),
});
type Metrics = typeof metricsArb extends fc.Arbitrary<infer T> ? T : never;

const FAILURES: Record<string, Partial<ApplicationSummary>> = {
  heap: { status: 'failed', oom_failures: 4, failure_causes: [{ cause: 'ExceptionFailure: java.lang.OutOfMemoryError', count: 4 }], failure_reason: 'java.lang.OutOfMemoryError: Java heap space' },
  container: { oom_failures: 2, executor_lost_failures: 2, failure_causes: [{ cause: 'ExecutorLostFailure (exceeding memory limits)', count: 2 }] },
  exit52: { oom_failures: 1, executor_lost_failures: 1, failure_causes: [{ cause: 'ExecutorLostFailure (exit code 52)', count: 1 }] },
  fetch: { fetch_failures: 3, failure_causes: [{ cause: 'FetchFailed', count: 3 }] },
  exception: { status: 'failed', failure_reason: 'java.io.FileNotFoundException', failure_causes: [{ cause: 'ExceptionFailure: java.io.IOException', count: 4 }] },
};

function conf(c: Config): Record<string, string> {
  const entries: [string, string | null][] = [
    ['spark.executor.memory', `${c.memoryMb / 1024}g`],
    ['spark.driver.memory', `${c.driverMb / 1024}g`],
    ['spark.executor.memoryOverhead', c.overheadMb === null ? null : `${c.overheadMb}m`],
    ['spark.executor.cores', String(c.cores)],
    ['spark.dynamicAllocation.enabled', String(c.dynamic)],
    ['spark.dynamicAllocation.minExecutors', c.min === null ? null : String(c.min)],
    ['spark.dynamicAllocation.initialExecutors', c.initial === null ? null : String(c.initial)],
    ['spark.dynamicAllocation.maxExecutors', c.max === null ? null : String(c.max)],
    ['spark.executor.instances', c.instances === null ? null : String(c.instances)],
    ['spark.sql.shuffle.partitions', c.partitions === null ? null : String(c.partitions)],
    ['spark.memory.offHeap.enabled', c.nonHeap === 'offheap' ? 'true' : null],
    ['spark.memory.offHeap.size', c.nonHeap === 'offheap' ? '2g' : null],
    ['spark.executor.pyspark.memory', c.nonHeap === 'pyspark' ? '1g' : null],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== null));
}

function summary(c: Config, m: Metrics, daysAgo: number): ApplicationSummary {
  const executorMs = 20 * 60_000 * m.used;
  return run(daysAgo, m.peak === null ? null : (m.peak * c.memoryMb) / 1024, {
    executor_memory_mb: c.memoryMb,
    executor_memory_overhead_mb: c.overheadMb,
    executor_cores: c.cores,
    executor_instances: c.instances,
    driver_memory_mb: c.driverMb,
    driver_peak_jvm_heap_bytes: m.driverPeak === null ? null : m.driverPeak * c.driverMb * MIB,
    dynamic_allocation_enabled: c.dynamic,
    dynamic_allocation_min_executors: c.min,
    dynamic_allocation_initial_executors: c.initial,
    dynamic_allocation_max_executors: c.max,
    shuffle_partitions: c.partitions,
    spark_conf: conf(c),
    executors_max_concurrent: m.used,
    slot_utilization: m.util,
    executor_memory_mb_ms_allocated: executorMs * c.memoryMb,
    executor_core_ms_allocated: executorMs * c.cores,
    executor_run_time_ms: executorMs * c.cores * m.util,
    gc_time_ratio: m.gc,
    input_bytes: 10 * GIB,
    shuffle_read_bytes: 10 * GIB,
    shuffle_write_bytes: 10 * GIB,
    memory_bytes_spilled: m.spill * 20 * GIB,
    tasks_total: m.tasks,
    task_duration_p50_ms: m.p50,
    task_duration_max_ms: Math.round(m.p50 * m.skew),
    stage_duration_max_ms: Math.round(m.p50 * m.skew * 1.1),
    max_task_skew_ratio: m.skew,
    skew_stage_id: 2,
    ...(m.failure ? FAILURES[m.failure] : {}),
  });
}

/** Runs of one task look alike: a shared base, each run within 85–100% of it, each with its own failure. */
const runsArb = fc
  .tuple(metricsArb, fc.array(fc.tuple(fraction(0.85, 1), metricsArb.map((m) => m.failure)), { minLength: 1, maxLength: 6 }))
  .map(([base, perRun]) =>
    perRun.map(([jitter, failure]): Metrics => ({
      ...base,
      peak: base.peak === null ? null : base.peak * jitter,
      driverPeak: base.driverPeak === null ? null : base.driverPeak * jitter,
      gc: base.gc * jitter,
      util: base.util * jitter,
      spill: base.spill * jitter,
      failure,
    })),
  );

const historyArb = fc.record({
  config: configArb,
  runs: runsArb,
  node: fc.integer({ min: 8, max: 128 }).map((g) => g * 1024),
});

function diagnose(h: { config: Config; runs: Metrics[]; node: number }): { d: TaskDiagnosis; runs: ApplicationSummary[] } {
  const runs = h.runs.map((m, i) => summary(h.config, m, h.runs.length - i));
  const options: DiagnoseOptions = { until: NOW, lookback_days: 14, min_runs: 3, metric_source: 'eventlogs', node_memory_mb: h.node };
  return { d: diagnoseTask({ dag_id: 'd', task_id: 't', runs }, options), runs };
}

const memoryOf = (d: TaskDiagnosis, key: string): number | null => parseMemoryMb(d.recommendations.find((r) => r.key === key)?.proposed);
const RUNS = { numRuns: 400 };

describe('guardrails (properties over random histories)', () => {
  it('a memory cut is never below the highest peak × 1.2, never more than half, and a whole number of 512m', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { d, runs } = diagnose(h);
        for (const [key, peakOf, current] of [
          ['spark.executor.memory', (r: ApplicationSummary) => r.executor_peak_jvm_heap_bytes, h.config.memoryMb],
          ['spark.driver.memory', (r: ApplicationSummary) => r.driver_peak_jvm_heap_bytes, h.config.driverMb],
        ] as const) {
          const proposed = memoryOf(d, key);
          if (proposed === null || proposed >= current) continue;
          const peak = Math.max(0, ...runs.filter((r) => r.status === 'succeeded').map((r) => peakOf(r) ?? 0)) / MIB;
          expect(proposed).toBeGreaterThanOrEqual(peak * 1.2);
          expect(proposed).toBeGreaterThanOrEqual(current / 2);
          expect(proposed % 512).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('no resource is cut (and no idle-executor cut proposed) when a run in the window failed for memory', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom('heap', 'container', 'exit52'), fc.nat(5), (h, failure, at) => {
        const runs = [...h.runs];
        const index = at % runs.length;
        runs[index] = { ...(runs[index] as Metrics), failure };
        const { d, runs: rows } = diagnose({ ...h, runs });
        const cuts = d.recommendations.filter((rec) => rec.rule_id !== 'dynamic-allocation-bounds' && isResourceCut(rec, rows.at(-1)));
        expect(cuts).toEqual([]);
        expect(d.recommendations.filter((rec) => rec.rule_id === 'idle-executors')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('dynamic allocation keeps min ≤ initial ≤ max and instances ≤ max after the recommendations', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const config = { ...h.config, dynamic: true };
        const { d, runs } = diagnose({ ...h, config });
        const latest = runs.at(-1) as ApplicationSummary;
        const after = allocationOf(latest, Object.fromEntries(d.recommendations.map((r) => [r.key, r.proposed])));
        expect(allocationProblems(after)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('a raised heap or overhead keeps heap + overhead within the node', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { d, runs } = diagnose(h);
        const latest = runs.at(-1) as ApplicationSummary;
        const heap = memoryOf(d, 'spark.executor.memory') ?? h.config.memoryMb;
        const overhead = memoryOf(d, 'spark.executor.memoryOverhead') ?? executorOverheadMb(latest, heap);
        const raised = heap > h.config.memoryMb || memoryOf(d, 'spark.executor.memoryOverhead') !== null;
        if (raised) expect(heap + overhead).toBeLessThanOrEqual(h.node);
        const driver = memoryOf(d, 'spark.driver.memory');
        if (driver !== null && driver > h.config.driverMb) expect(driver + Math.max(384, Math.floor(driver * 0.1))).toBeLessThanOrEqual(h.node);
      }),
      RUNS,
    );
  });

  it('executor memory is left alone when off-heap or PySpark memory is set explicitly', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom('offheap', 'pyspark'), (h, nonHeap) => {
        const { d } = diagnose({ ...h, config: { ...h.config, nonHeap } });
        expect(d.recommendations.filter((r) => r.key === 'spark.executor.memory' || r.key === 'spark.executor.memoryOverhead')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('is idempotent: never proposes the value a setting already has, and one value per key', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { d } = diagnose(h);
        for (const rec of d.recommendations) expect(sameSetting(rec.key, rec.current, rec.proposed)).toBe(false);
        expect(new Set(d.recommendations.map((r) => r.key)).size).toBe(d.recommendations.length);
      }),
      RUNS,
    );
  });

  it('memory cuts converge: applying them to the same workload reaches a configuration with nothing left to cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 64 }), fc.array(fraction(0.01, 0.69), { minLength: 3, maxLength: 5 }), (gib, fractions) => {
        const peaks = fractions.map((f) => f * gib * GIB);
        let memoryMb = gib * 1024;
        for (let step = 0; step < 8; step += 1) {
          const runs = peaks.map((peak, i) => run(peaks.length - i, peak / GIB, { executor_memory_mb: memoryMb, spark_conf: { 'spark.executor.memory': `${memoryMb}m` } }));
          const d = diagnoseTask({ dag_id: 'd', task_id: 't', runs }, { until: NOW, lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' });
          const next = memoryOf(d, 'spark.executor.memory');
          if (next === null) return;
          expect(next).toBeLessThan(memoryMb);
          memoryMb = next;
        }
        throw new Error(`no fixed point after 8 proposals (at ${memoryMb} MiB)`);
      }),
      RUNS,
    );
  });

  it('a reliability fix wins over a cost cut on the same key', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { d } = diagnose(h);
        for (const rec of d.recommendations) {
          const rivals = d.findings.filter((f) => !f.needs_human && f.recommendations.some((r) => r.key === rec.key && r !== rec));
          const chosen = d.findings.find((f) => f.recommendations.includes(rec));
          if (rivals.some((f) => f.kind === 'reliability') && chosen) expect(chosen.kind).toBe('reliability');
        }
      }),
      RUNS,
    );
  });
});
