import { createRandom, deriveSeed } from './prng.js';
import type { EventLogSpec, JobSpec, Range } from './spec.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Rough size of one task's TaskStart + TaskEnd lines, to plan a run of a target size. */
const BYTES_PER_TASK = 4400;
/** Waves of random-length tasks take a little longer than their mean; a margin keeps the end before `now`. */
const SCHEDULING_MARGIN = 1.08;

/** A recurring Airflow task that runs one Spark application per DAG run. */
export interface DagRunsSpec {
  dagId: string;
  taskId: string;
  appName: string;
  user: string;
  /** Schedule interval (ms) and the offset of the schedule in the day/hour (02:00 → 2 h). */
  intervalMs: number;
  scheduleOffsetMs: number;
  runs: number;
  executors: number;
  executorCores: number;
  executorMemory: string;
  driverMemory: string;
  driverCores: number;
  shufflePartitions: number;
  jobs: JobSpec[];
  executorPeakHeapFraction: Range;
  driverPeakHeapFraction: Range;
  gcFraction: Range;
  /** The share of the executors' GC time in major (full) collections; 0 when unset. */
  majorGcShare?: number;
  /** Spark properties added to (or replacing) the defaults, e.g. dynamic allocation or memory overhead. */
  properties?: Record<string, string>;
  /** What differs in one run (0 = the oldest), e.g. the runs where a planted failure happens. */
  variant?: (run: number) => RunVariant | undefined;
}

/** The parts of a run a scenario may vary from run to run. */
export type RunVariant = Partial<
  Pick<EventLogSpec, 'jobs' | 'executorPeakHeapFraction' | 'driverPeakHeapFraction' | 'gcFraction' | 'executors' | 'executorMemory'>
>;

export const DAILY = { intervalMs: DAY, scheduleOffsetMs: 2 * HOUR };
export const HOURLY = { intervalMs: HOUR, scheduleOffsetMs: 0 };

/**
 * The event logs of a task's last `runs` runs, oldest first, one interval apart; the last run
 * ends about an hour before `now`. Each run gets its own YARN application id on one cluster and
 * the Airflow ids of its DAG run (`scheduled__<logical date>`).
 */
export function dagRunLogs(dag: DagRunsSpec, now: Date, seed: number, targetBytes?: number): EventLogSpec[] {
  const random = createRandom(deriveSeed(seed, 0));
  const lastStart = now.getTime() - HOUR - estimateDurationMs(dag, targetBytes);
  const firstStart = lastStart - (dag.runs - 1) * dag.intervalMs;
  const clusterStart = firstStart - 3 * DAY - random.int(0, 6 * HOUR);
  const firstSequence = random.int(100, 900);
  return Array.from({ length: dag.runs }, (_, run) => {
    const startTime = lastStart - (dag.runs - 1 - run) * dag.intervalMs + random.int(-90_000, 90_000);
    const appId = `application_${clusterStart}_${String(firstSequence + run).padStart(4, '0')}`;
    const spec: EventLogSpec = {
      appId,
      appName: dag.appName,
      attemptId: '1',
      user: dag.user,
      sparkVersion: '3.5.1',
      startTime,
      executors: dag.executors,
      executorCores: dag.executorCores,
      executorMemory: dag.executorMemory,
      driverMemory: dag.driverMemory,
      driverCores: dag.driverCores,
      properties: {
        'spark.sql.shuffle.partitions': String(dag.shufflePartitions),
        'spark.sql.adaptive.enabled': 'true',
        'spark.airflow.dag_id': dag.dagId,
        'spark.airflow.task_id': dag.taskId,
        'spark.airflow.run_id': `scheduled__${airflowDate(logicalDate(startTime, dag))}`,
        'spark.airflow.try_number': '1',
        ...dag.properties,
      },
      jobs: dag.jobs,
      executorPeakHeapFraction: dag.executorPeakHeapFraction,
      driverPeakHeapFraction: dag.driverPeakHeapFraction,
      gcFraction: dag.gcFraction,
      seed: deriveSeed(seed, run + 1),
    };
    if (targetBytes !== undefined) spec.targetBytes = targetBytes;
    if (dag.majorGcShare !== undefined) spec.majorGcShare = dag.majorGcShare;
    const variant = dag.variant?.(run);
    return variant ? { ...spec, ...variant } : spec;
  });
}

/** The data interval start Airflow names a scheduled run by: the interval before the run. */
function logicalDate(startTime: number, { intervalMs, scheduleOffsetMs }: DagRunsSpec): number {
  return Math.floor((startTime - scheduleOffsetMs) / intervalMs) * intervalMs + scheduleOffsetMs - intervalMs;
}

function airflowDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Startup + waves of tasks per stage + shutdown; repeated job rounds for a target size. */
function estimateDurationMs(dag: DagRunsSpec, targetBytes: number | undefined): number {
  const slots = dag.executors * dag.executorCores;
  let roundMs = 0;
  let roundTasks = 0;
  for (const stage of dag.jobs.flatMap((job) => job.stages)) {
    roundMs += Math.ceil(stage.tasks / slots) * ((stage.taskMs.min + stage.taskMs.max) / 2) + 100;
    roundTasks += stage.tasks;
  }
  roundMs += dag.jobs.reduce((sum, job) => sum + 600 + (job.driverMs ?? 0), 0);
  const rounds = targetBytes === undefined ? 1 : Math.max(1, Math.ceil(targetBytes / (roundTasks * BYTES_PER_TASK)));
  return 12_000 + rounds * roundMs * SCHEDULING_MARGIN;
}
