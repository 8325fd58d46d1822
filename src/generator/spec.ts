/**
 * What a generated event log contains. Everything is explicit, so a test can compare a summary
 * of the output with the spec: runs, executors, cores, memory, stages, tasks per stage, peak
 * memory fractions and start times.
 */

/** A range to draw from uniformly. */
export interface Range {
  min: number;
  max: number;
}

export interface StageSpec {
  /** Spark's call-site name, e.g. `parquet at NativeMethodAccessorImpl.java:0`. */
  name: string;
  tasks: number;
  /** Task wall time in ms. */
  taskMs: Range;
  /** Bytes per task; 0 when the stage does not read/write that way. */
  inputBytesPerTask: number;
  shuffleReadBytesPerTask: number;
  shuffleWriteBytesPerTask: number;
  outputBytesPerTask: number;
  /** Executor heap in this stage relative to the executor's peak (1 = the stage that reaches the peak). */
  heapFactor: number;
  /** Planted problem: memory bytes each task spills (a third of it reaches the disk). */
  spillBytesPerTask?: number;
  /** Planted problem: the first `tasks` tasks run `factor` times longer and read `factor` times more shuffle. */
  skew?: { tasks: number; factor: number };
  /** Planted problem: task attempts that fail. */
  failures?: StageFailureSpec;
}

/**
 * How tasks fail: `oom` (OutOfMemoryError in the heap; the executor exits with code 52), `container-killed`
 * (YARN kills the container for exceeding its memory limits), `exit-137` (the container is killed with
 * SIGKILL), `fetch-failed` (a shuffle block cannot be fetched; the stage is retried), `exception` (an
 * application error, java.io.FileNotFoundException).
 */
export type TaskFailureKind = 'oom' | 'container-killed' | 'exit-137' | 'fetch-failed' | 'exception';

export interface StageFailureSpec {
  kind: TaskFailureKind;
  /** Task attempts that fail (each is retried and succeeds, unless `fatal`). */
  tasks: number;
  /** Task 0 fails all 4 attempts (spark.task.maxFailures), so the stage, its job and the application fail. */
  fatal?: boolean;
}

export interface JobSpec {
  /** The SQL action that ran the job, e.g. `save at NativeMethodAccessorImpl.java:0`. */
  description: string;
  /** Driver-only time before the job starts, in ms (planning, a driver-side read, waiting on a service): no task runs. */
  driverMs?: number;
  stages: StageSpec[];
}

/** One application attempt: one event-log file. */
export interface EventLogSpec {
  appId: string;
  appName: string;
  attemptId: string;
  user: string;
  sparkVersion: string;
  /** ApplicationStart timestamp, epoch ms. */
  startTime: number;
  executors: number;
  executorCores: number;
  /** Spark memory strings as in the DAG: `16g`, `4096m`. */
  executorMemory: string;
  driverMemory: string;
  driverCores: number;
  /** Spark properties beyond those derived from the fields above (Airflow ids, shuffle partitions, …). */
  properties: Record<string, string>;
  jobs: JobSpec[];
  /** Each executor's JVM heap peak as a fraction of `executorMemory`, drawn once per executor. */
  executorPeakHeapFraction: Range;
  driverPeakHeapFraction: Range;
  /** JVM GC time as a fraction of task run time. */
  gcFraction: Range;
  /**
   * The share of the executors' GC time in major (full) collections. When set, the GC counters in executor metrics
   * grow over each executor's life as Spark writes them; unset keeps the earlier per-task young-generation counters
   * (so earlier scenarios stay byte-identical).
   */
  majorGcShare?: number;
  /** Seed of this log's random draws. */
  seed: number;
  /** When set, `jobs` repeat until the log reaches this many bytes (for benchmarks). */
  targetBytes?: number;
}

/** What was written: the counts a summary of the log must reproduce. */
export interface WrittenLog {
  bytes: number;
  jobs: number;
  stages: number;
  tasks: number;
  executors: number;
  endTime: number;
}
