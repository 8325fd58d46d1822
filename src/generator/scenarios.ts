import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { DAILY, dagRunLogs, HOURLY, type DagRunsSpec } from './dag-runs.js';
import { problemScenarios } from './problem-scenarios.js';
import { verifyScenarios } from './verify-scenarios.js';
import type { EventLogSpec, JobSpec } from './spec.js';
import { writeEventLog } from './write-event-log.js';

const MIB = 1024 * 1024;
const DEFAULT_SEED = 42;
const DEFAULT_LARGE_BYTES = 1024 ** 3;

export interface ScenarioOptions {
  now: Date;
  seed: number;
  /** For `large`: the size of the log in bytes. */
  targetBytes?: number | undefined;
}

export interface Scenario {
  /** One line for `--list`. */
  description: string;
  /** The logs to write, one per application attempt, oldest first. */
  build(options: ScenarioOptions): EventLogSpec[];
}

/** A daily ETL of about half an hour: scan 128 files of orders, shuffle, aggregate into 200 partitions, then a count. */
const ORDERS_JOBS: JobSpec[] = [
  {
    description: 'save at NativeMethodAccessorImpl.java:0',
    stages: [
      { name: 'parquet at NativeMethodAccessorImpl.java:0', tasks: 128, taskMs: { min: 180_000, max: 300_000 }, inputBytesPerTask: 128 * MIB, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 24 * MIB, outputBytesPerTask: 0, heapFactor: 0.8 },
      { name: 'save at NativeMethodAccessorImpl.java:0', tasks: 200, taskMs: { min: 90_000, max: 150_000 }, inputBytesPerTask: 0, shuffleReadBytesPerTask: 15 * MIB, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 8 * MIB, heapFactor: 1 },
    ],
  },
  {
    description: 'count at NativeMethodAccessorImpl.java:0',
    stages: [
      { name: 'count at NativeMethodAccessorImpl.java:0', tasks: 32, taskMs: { min: 20_000, max: 40_000 }, inputBytesPerTask: 4 * MIB, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 0, heapFactor: 0.5 },
    ],
  },
];

const LOAD_ORDERS: DagRunsSpec = {
  dagId: 'daily_sales',
  taskId: 'load_orders',
  appName: 'daily_sales.load_orders',
  user: 'hadoop',
  ...DAILY,
  runs: 5,
  executors: 8,
  executorCores: 4,
  executorMemory: '16g',
  driverMemory: '4g',
  driverCores: 1,
  shufflePartitions: 200,
  jobs: ORDERS_JOBS,
  // 4.8–5.6 GiB of 16 GiB
  executorPeakHeapFraction: { min: 4.8 / 16, max: 5.6 / 16 },
  driverPeakHeapFraction: { min: 0.25, max: 0.4 },
  gcFraction: { min: 0.01, max: 0.03 },
};

const AGGREGATE_EVENTS: DagRunsSpec = {
  dagId: 'hourly_events',
  taskId: 'aggregate',
  appName: 'hourly_events.aggregate',
  user: 'hadoop',
  ...HOURLY,
  runs: 6,
  executors: 4,
  executorCores: 2,
  executorMemory: '4g',
  driverMemory: '2g',
  driverCores: 1,
  shufflePartitions: 64,
  jobs: [{
    description: 'save at NativeMethodAccessorImpl.java:0',
    stages: [
      { name: 'json at NativeMethodAccessorImpl.java:0', tasks: 32, taskMs: { min: 8_000, max: 12_000 }, inputBytesPerTask: 64 * MIB, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 8 * MIB, outputBytesPerTask: 0, heapFactor: 0.9 },
      { name: 'save at NativeMethodAccessorImpl.java:0', tasks: 64, taskMs: { min: 4_000, max: 6_000 }, inputBytesPerTask: 0, shuffleReadBytesPerTask: 4 * MIB, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 2 * MIB, heapFactor: 1 },
    ],
  }],
  executorPeakHeapFraction: { min: 0.75, max: 0.85 },
  driverPeakHeapFraction: { min: 0.3, max: 0.5 },
  gcFraction: { min: 0.02, max: 0.05 },
};

/** The named scenarios of generated event logs (demo, tests, benchmarks), and histories with planted problems. */
export const scenarios: Record<string, Scenario> = {
  'overprovisioned-memory': {
    description: 'daily_sales.load_orders: 5 daily runs, 8 executors × 4 cores with 16g each, heap peaks near a third of it',
    build: ({ now, seed }) => dagRunLogs(LOAD_ORDERS, now, seed),
  },
  healthy: {
    description: 'hourly_events.aggregate: 6 hourly runs, 4 executors × 2 cores with 4g each, heap peaks at 75–85% (nothing to tune)',
    build: ({ now, seed }) => dagRunLogs(AGGREGATE_EVENTS, now, seed),
  },
  large: {
    description: 'one overprovisioned-memory run whose log grows to a target size (default 1 GiB), for benchmarks',
    build: ({ now, seed, targetBytes }) => dagRunLogs({ ...LOAD_ORDERS, runs: 1 }, now, seed, targetBytes ?? DEFAULT_LARGE_BYTES),
  },
  ...problemScenarios,
  ...verifyScenarios,
};

export interface GenerateOptions {
  outDir: string;
  now: Date;
  seed?: number | undefined;
  targetBytes?: number | undefined;
}

/**
 * Writes a scenario's event logs to `outDir` (created if needed), one file per application
 * attempt named as Spark names it (`<app id>_<attempt>`, no extension), and returns their paths.
 * The same name, seed and `now` always give byte-identical files.
 */
export async function generateScenario(name: string, options: GenerateOptions): Promise<string[]> {
  const scenario = Object.hasOwn(scenarios, name) ? scenarios[name] : undefined;
  if (!scenario) throw new Error(`Unknown scenario "${name}"; choose one of: ${Object.keys(scenarios).join(', ')}.`);
  await mkdir(options.outDir, { recursive: true });
  const specs = scenario.build({ now: options.now, seed: options.seed ?? DEFAULT_SEED, targetBytes: options.targetBytes });
  const written: string[] = [];
  for (const spec of specs) {
    const file = path.join(options.outDir, `${spec.appId}_${spec.attemptId}`);
    const stream = createWriteStream(file);
    try {
      await writeEventLog(spec, stream);
      stream.end();
      await finished(stream);
    } catch (error) {
      stream.destroy();
      throw error;
    }
    written.push(file);
  }
  return written;
}
