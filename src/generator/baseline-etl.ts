import { DAILY, type DagRunsSpec } from './dag-runs.js';
import type { JobSpec, StageSpec } from './spec.js';

const MIB = 1024 * 1024;

/** A clean scan stage: 96 files of 128 MiB into a 16 MiB-per-task shuffle. */
export function scan(overrides: Partial<StageSpec> = {}): StageSpec {
  return {
    name: 'parquet at NativeMethodAccessorImpl.java:0', tasks: 96, taskMs: { min: 60_000, max: 90_000 }, inputBytesPerTask: 128 * MIB,
    shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 16 * MIB, outputBytesPerTask: 0, heapFactor: 0.8, ...overrides,
  };
}

/** A clean aggregation stage: 96 shuffle partitions of 16 MiB each. */
export function aggregate(overrides: Partial<StageSpec> = {}): StageSpec {
  return {
    name: 'save at NativeMethodAccessorImpl.java:0', tasks: 96, taskMs: { min: 20_000, max: 30_000 }, inputBytesPerTask: 0,
    shuffleReadBytesPerTask: 16 * MIB, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 8 * MIB, heapFactor: 1, ...overrides,
  };
}

/** One SQL job of the given stages (default: scan, then aggregate). */
export function etl(stages: StageSpec[] = [scan(), aggregate()]): JobSpec[] {
  return [{ description: 'save at NativeMethodAccessorImpl.java:0', stages }];
}

/**
 * The clean baseline every planted problem starts from: 5 daily runs, 6 executors × 4 cores with 8g
 * (heap peaks at 72–85%), a 2g driver, 96 shuffle partitions, AQE on, GC at 1–3%, slots kept busy.
 */
export function baseline(dagId: string, overrides: Partial<DagRunsSpec> = {}): DagRunsSpec {
  return {
    dagId,
    taskId: 'transform',
    appName: `${dagId}.transform`,
    user: 'hadoop',
    ...DAILY,
    runs: 5,
    executors: 6,
    executorCores: 4,
    executorMemory: '8g',
    driverMemory: '2g',
    driverCores: 1,
    shufflePartitions: 96,
    jobs: etl(),
    executorPeakHeapFraction: { min: 0.72, max: 0.85 },
    driverPeakHeapFraction: { min: 0.3, max: 0.5 },
    gcFraction: { min: 0.01, max: 0.03 },
    ...overrides,
  };
}
