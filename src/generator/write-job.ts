import type { ExecutorPlacement } from './app-events.js';
import {
  jobEnd, jobStart, sqlExecutionEnd, sqlExecutionStart, stageCompleted, stageExecutorMetrics, stageSubmitted, type StagePlan,
} from './job-events.js';
import type { LineSink } from './line-sink.js';
import type { Random } from './prng.js';
import { scheduleStage } from './schedule-stage.js';
import type { EventLogSpec, JobSpec } from './spec.js';
import { StageAccumulators } from './stage-accumulators.js';
import { executorMetrics, taskEnd, taskStart, type TaskRun } from './task-events.js';

const MIB = 1024 * 1024;

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
}

/** Where the log is: the clock and the ids used so far. */
export interface Progress {
  time: number;
  jobs: number;
  stages: number;
  tasks: number;
  rdds: number;
}

/** Writes one SQL execution with its job: JobStart, each stage's tasks and metrics, JobEnd. */
export async function writeJob(out: LineSink, job: JobSpec, plan: AppPlan, progress: Progress): Promise<void> {
  const { random } = plan;
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
  for (const stage of stages) await writeStage(out, stage, plan, progress, job.description, jobId);
  progress.time += random.int(3, 12);
  await out.write(jobEnd(jobId, progress.time));
  await out.write(sqlExecutionEnd(jobId, progress.time + random.int(4, 20)));
  progress.time += random.int(150, 900);
}

async function writeStage(out: LineSink, stage: StagePlan, plan: AppPlan, progress: Progress, description: string, executionId: number): Promise<void> {
  const { random } = plan;
  stage.submitted = progress.time + random.int(8, 30);
  await out.write(stageSubmitted(stage, description, executionId));
  const factor = stage.spec.heapFactor;
  const stageHeap = plan.peakHeap.map((peak) => (factor >= 1 ? peak : Math.round(peak * factor * random.between(0.95, 1))));
  const tasks = scheduleStage(stage.spec, stage.stageId, stage.submitted + random.int(15, 60), progress.tasks, {
    executors: plan.executors,
    cores: plan.spec.executorCores,
    stageHeap,
    offHeap: plan.offHeap,
    gcFraction: plan.spec.gcFraction,
    random,
  });
  progress.tasks += tasks.length;
  const accumulators = new StageAccumulators(1 + stage.stageId * StageAccumulators.size);
  let lastFinish = stage.submitted;
  for (const [kind, task] of inTimeOrder(tasks)) {
    if (kind === 'start') await out.write(taskStart(task));
    else await out.write(taskEnd(task, accumulators.update(task.numbers)));
    lastFinish = Math.max(lastFinish, task.finish);
  }
  const driverHeap = factor >= 1 ? plan.driverPeakHeap : Math.round(plan.driverPeakHeap * random.between(0.7, 0.95));
  await out.write(stageExecutorMetrics('driver', stage.stageId, executorMetrics(driverHeap, random.int(140, 180) * MIB, 0)));
  for (const [index, executor] of plan.executors.entries()) {
    await out.write(stageExecutorMetrics(executor.id, stage.stageId, executorMetrics(stageHeap[index] ?? 0, plan.offHeap[index] ?? 0, 0)));
  }
  stage.completed = lastFinish + random.int(5, 20);
  stage.accumulables = accumulators.final();
  await out.write(stageCompleted(stage));
  progress.time = stage.completed + random.int(10, 60);
}

/** TaskStart and TaskEnd events merged by time; at the same instant an end comes before a start (its slot frees first). */
function inTimeOrder(tasks: TaskRun[]): ['start' | 'end', TaskRun][] {
  const events: ['start' | 'end', TaskRun, number][] = [];
  for (const task of tasks) events.push(['start', task, task.launch], ['end', task, task.finish]);
  events.sort((a, b) => a[2] - b[2] || (a[0] === b[0] ? a[1].taskId - b[1].taskId : a[0] === 'end' ? -1 : 1));
  return events.map(([kind, task]) => [kind, task]);
}
