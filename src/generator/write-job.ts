import type { ExecutorPlacement } from './app-events.js';
import { jobEnd, jobStart, sqlExecutionEnd, sqlExecutionStart, type StagePlan } from './job-events.js';
import type { LineSink } from './line-sink.js';
import type { Random } from './prng.js';
import type { EventLogSpec, JobSpec } from './spec.js';
import { writeStage } from './write-stage.js';

/** The application-wide facts every job uses. */
export interface AppPlan {
  spec: EventLogSpec;
  random: Random;
  executors: ExecutorPlacement[];
  addedAt: number[];
  /** Each executor's JVM heap peak over the run (bytes), reached in stages with heapFactor 1. */
  peakHeap: number[];
  offHeap: number[];
  driverPeakHeap: number;
  /** Each executor's own GC time so far (ms): Spark's GC counters grow over the executor JVM's life. */
  executorGcMs: Map<string, number>;
  /** Executors that replaced lost ones so far (their ids follow the first executors'). */
  replaced?: number;
}

/** Where the log is: the clock and the ids used so far. */
export interface Progress {
  time: number;
  jobs: number;
  stages: number;
  tasks: number;
  rdds: number;
}

/**
 * Writes one SQL execution with its job: JobStart, each stage's tasks and metrics, JobEnd. Returns the
 * failure message when a planted fatal failure failed the job (its later stages do not run), else null.
 */
export async function writeJob(out: LineSink, job: JobSpec, plan: AppPlan, progress: Progress): Promise<string | null> {
  const { random } = plan;
  progress.time += job.driverMs ?? 0;
  const jobId = progress.jobs;
  const stages: StagePlan[] = job.stages.map((spec, index) => ({
    stageId: progress.stages + index,
    rddId: progress.rdds + index,
    parentStageIds: index > 0 ? [progress.stages + index - 1] : [],
    spec,
    submitted: 0,
    completed: null,
    accumulables: [],
  }));
  progress.jobs += 1;
  progress.stages += stages.length;
  progress.rdds += stages.length;
  await out.write(sqlExecutionStart(jobId, job.description, progress.time, stages));
  progress.time += random.int(10, 25);
  await out.write(jobStart(jobId, progress.time, stages, job.description, jobId));
  let failure: string | null = null;
  for (const stage of stages) {
    failure = await writeStage(out, stage, plan, progress, job.description, jobId);
    if (failure !== null) break;
  }
  progress.time += random.int(3, 12);
  await out.write(failure === null ? jobEnd(jobId, progress.time) : jobEnd(jobId, progress.time, failure));
  await out.write(sqlExecutionEnd(jobId, progress.time + random.int(4, 20)));
  progress.time += random.int(150, 900);
  return failure;
}

