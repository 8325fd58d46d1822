import { aggregate, baseline, etl, scan } from './baseline-etl.js';
import { dagRunLogs, type DagRunsSpec } from './dag-runs.js';
import { deriveSeed } from './prng.js';
import type { Scenario } from './scenarios.js';

const MIB = 1024 * 1024;

/** A scenario of one task's runs; its seed mixes in the DAG id, so scenarios written to one directory never share an app id. */
function scenario(description: string, spec: DagRunsSpec): Scenario {
  const salt = [...spec.dagId].map((char) => char.charCodeAt(0));
  return { description, build: ({ now, seed }) => dagRunLogs(spec, now, deriveSeed(seed, ...salt)) };
}

/** Histories with one planted problem each (and a clean baseline), for the detection table of the rules. */
export const problemScenarios: Record<string, Scenario> = {
  baseline: scenario('planted_baseline.transform: 5 clean daily runs, 6 × 4 cores with 8g (the shape the planted problems start from)', baseline('planted_baseline')),
  'oom-failures': scenario(
    'planted_oom.transform: heap peaks at 88–94% of 8g; run 3 loses 2 tasks and runs 4–5 fail with OutOfMemoryError',
    baseline('planted_oom', {
      executorPeakHeapFraction: { min: 0.88, max: 0.94 },
      variant: (run) =>
        run === 2 ? { jobs: etl([scan(), aggregate({ failures: { kind: 'oom', tasks: 2 } })]) }
          : run >= 3 ? { jobs: etl([scan(), aggregate({ failures: { kind: 'oom', tasks: 1, fatal: true } })]) } : undefined,
    }),
  ),
  'overhead-kills': scenario(
    'planted_overhead.transform: runs 4–5 lose executors to YARN memory-limit kills (exit 137), then succeed',
    baseline('planted_overhead', {
      variant: (run) =>
        run === 3 ? { jobs: etl([scan(), aggregate({ failures: { kind: 'container-killed', tasks: 2 } })]) }
          : run === 4 ? { jobs: etl([scan(), aggregate({ failures: { kind: 'exit-137', tasks: 1 } })]) } : undefined,
    }),
  ),
  'big-driver': scenario(
    'planted_driver.transform: a 16g driver whose heap peaks at 10–20% of it',
    baseline('planted_driver', { driverMemory: '16g', driverPeakHeapFraction: { min: 0.1, max: 0.2 } }),
  ),
  'full-heap': scenario(
    'planted_full_heap.transform: executor heap peaks at 96–99% of 8g with GC at 6–9% of task time, half of it full collections',
    baseline('planted_full_heap', { executorPeakHeapFraction: { min: 0.96, max: 0.99 }, gcFraction: { min: 0.06, max: 0.09 }, majorGcShare: 0.5 }),
  ),
  spill: scenario(
    'planted_spill.transform: the aggregation spills 48 MiB per task (a third of the bytes it reads)',
    baseline('planted_spill', { jobs: etl([scan(), aggregate({ spillBytesPerTask: 48 * MIB })]) }),
  ),
  'skewed-stage': scenario(
    'planted_skew.transform: one aggregation task runs 12× longer than the others (about 5 min), AQE off',
    baseline('planted_skew', { jobs: etl([scan(), aggregate({ skew: { tasks: 1, factor: 12 } })]), properties: { 'spark.sql.adaptive.enabled': 'false' } }),
  ),
  'tiny-tasks': scenario(
    'planted_tiny.transform: 6000 shuffle partitions of 50–300 ms tasks for 96 MiB of shuffle, AQE off (3 runs)',
    baseline('planted_tiny', {
      runs: 3,
      shufflePartitions: 6000,
      properties: { 'spark.sql.adaptive.enabled': 'false' },
      jobs: etl([
        scan({ tasks: 48, shuffleWriteBytesPerTask: 2 * MIB }),
        aggregate({ tasks: 6000, taskMs: { min: 50, max: 300 }, shuffleReadBytesPerTask: 16 * 1024, outputBytesPerTask: 1024 }),
      ]),
    }),
  ),
  'long-tasks': scenario(
    'planted_long.transform: 24 shuffle partitions of 1 GiB; the median task takes 6–8 min',
    baseline('planted_long', {
      shufflePartitions: 24,
      jobs: etl([
        scan({ tasks: 24, taskMs: { min: 360_000, max: 480_000 }, inputBytesPerTask: 2048 * MIB, shuffleWriteBytesPerTask: 1024 * MIB }),
        aggregate({ tasks: 24, taskMs: { min: 360_000, max: 480_000 }, shuffleReadBytesPerTask: 1024 * MIB }),
      ]),
    }),
  ),
  'gc-heavy': scenario(
    'planted_gc.transform: GC takes 15–22% of task time with the heap 85–92% full, half of it full collections',
    baseline('planted_gc', { gcFraction: { min: 0.15, max: 0.22 }, executorPeakHeapFraction: { min: 0.85, max: 0.92 }, majorGcShare: 0.5 }),
  ),
  'idle-executors': scenario(
    'planted_idle.transform: 16 static executors × 4 cores for stages of 16 tasks (slots mostly idle)',
    baseline('planted_idle', { executors: 16, jobs: etl([scan({ tasks: 16 }), aggregate({ tasks: 16, taskMs: { min: 60_000, max: 90_000 } })]) }),
  ),
  'bursty-executors': scenario(
    'planted_bursty.transform: 12 × 4 cores; a 480-task stage fills all 48 slots for ~10 min between 10-min driver-only phases',
    baseline('planted_bursty', {
      executors: 12,
      jobs: [
        { description: 'save at NativeMethodAccessorImpl.java:0', driverMs: 600_000, stages: [scan({ tasks: 480, taskMs: { min: 55_000, max: 65_000 } }), aggregate()] },
        { description: 'count at NativeMethodAccessorImpl.java:0', driverMs: 600_000, stages: [scan({ name: 'count at NativeMethodAccessorImpl.java:0', tasks: 4, taskMs: { min: 1000, max: 2000 }, shuffleWriteBytesPerTask: 0 })] },
      ],
    }),
  ),
  'da-max-unreached': scenario(
    'planted_da_max.transform: dynamic allocation up to 40 executors, never more than 6 used',
    baseline('planted_da_max', {
      properties: { 'spark.dynamicAllocation.enabled': 'true', 'spark.dynamicAllocation.maxExecutors': '40', 'spark.shuffle.service.enabled': 'true' },
    }),
  ),
  'bad-da-bounds': scenario(
    'planted_da_bounds.transform: dynamic allocation with minExecutors 4 > initialExecutors 2 and instances 8 > maxExecutors 6',
    baseline('planted_da_bounds', {
      properties: {
        'spark.dynamicAllocation.enabled': 'true', 'spark.dynamicAllocation.minExecutors': '4', 'spark.dynamicAllocation.initialExecutors': '2',
        'spark.dynamicAllocation.maxExecutors': '6', 'spark.executor.instances': '8', 'spark.shuffle.service.enabled': 'true',
      },
    }),
  ),
  'flaky-fetch-failures': scenario(
    'planted_fetch.transform: runs 2 and 4 hit 3 shuffle fetch failures each, retry the stage and succeed',
    baseline('planted_fetch', {
      variant: (run) => (run === 1 || run === 3 ? { jobs: etl([scan(), aggregate({ failures: { kind: 'fetch-failed', tasks: 3 } })]) } : undefined),
    }),
  ),
  'cut-after-kill': scenario(
    'planted_cut_after_kill.transform: 16g executors peak near a third of it, but the newest run lost a container to a memory-limit kill',
    baseline('planted_cut_after_kill', {
      executorMemory: '16g',
      executorPeakHeapFraction: { min: 0.3, max: 0.35 },
      variant: (run) => (run === 4 ? { jobs: etl([scan(), aggregate({ failures: { kind: 'container-killed', tasks: 1 } })]) } : undefined),
    }),
  ),
  'failing-job': scenario(
    'planted_failing.transform: runs 4–5 fail on a missing input file (FileNotFoundException), no configuration cause',
    baseline('planted_failing', {
      variant: (run) => (run >= 3 ? { jobs: etl([scan({ failures: { kind: 'exception', tasks: 1, fatal: true } }), aggregate()]) } : undefined),
    }),
  ),
};
