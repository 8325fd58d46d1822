import { blockManagerAdded, executorAdded, heapBytes } from './app-events.js';
import { abortMessage, losesExecutor, lossReason, type FailureContext } from './failure-events.js';
import { stageCompleted, stageExecutorMetrics, stageSubmitted, type StagePlan } from './job-events.js';
import type { LineSink } from './line-sink.js';
import { scheduleStage } from './schedule-stage.js';
import { StageAccumulators } from './stage-accumulators.js';
import { executorMetrics, taskEnd, taskStart, type TaskRun } from './task-events.js';
import type { AppPlan, Progress } from './write-job.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * Writes one stage: its tasks in time order, the executors' stage metrics and StageCompleted. Planted
 * failures follow Spark: executors whose container died are removed and replaced after the stage, a
 * FetchFailed stage is retried as attempt 1 for the lost partitions, and a task failing every attempt fails
 * the stage. Returns the abort message of a failed stage, else null.
 */
export async function writeStage(out: LineSink, stage: StagePlan, plan: AppPlan, progress: Progress, description: string, executionId: number): Promise<string | null> {
  const tasks = await writeStageAttempt(out, stage, plan, progress, description, executionId, (failed) => failureReason(stage, failed, plan));
  const failed = tasks.filter((task) => task.failure !== undefined);
  if (failed.length === 0) return null;
  await replaceLostExecutors(out, plan, progress, failed, stage);
  const kind = stage.spec.failures?.kind;
  if (kind === 'fetch-failed') {
    const retry: StagePlan = { ...stage, attempt: 1, spec: { ...stage.spec, tasks: failed.length, failures: undefined, skew: undefined }, completed: null, accumulables: [] };
    delete retry.failureReason;
    await writeStageAttempt(out, retry, plan, progress, description, executionId, () => undefined);
    return null;
  }
  return stage.failureReason ?? null;
}

async function writeStageAttempt(
  out: LineSink,
  stage: StagePlan,
  plan: AppPlan,
  progress: Progress,
  description: string,
  executionId: number,
  reasonFor: (failed: TaskRun[]) => string | undefined,
): Promise<TaskRun[]> {
  const { random } = plan;
  stage.submitted = progress.time + random.int(8, 30);
  await out.write(stageSubmitted(stage, description, executionId));
  const factor = stage.spec.heapFactor;
  const stageHeap = plan.peakHeap.map((peak) => (factor >= 1 ? peak : Math.round(peak * factor * random.between(0.95, 1))));
  const context = { executors: plan.executors, cores: plan.spec.executorCores, stageHeap, offHeap: plan.offHeap, gcFraction: plan.spec.gcFraction, random };
  const planted = stage.spec.failures !== undefined || (stage.attempt ?? 0) > 0;
  const tasks = scheduleStage(stage.spec, stage.stageId, stage.submitted + random.int(15, 60), progress.tasks,
    planted ? { ...context, stageAttempt: stage.attempt ?? 0, containerGb: containerGb(plan) } : context);
  progress.tasks += tasks.length;
  const accumulators = new StageAccumulators(1 + stage.stageId * StageAccumulators.size);
  let lastFinish = stage.submitted;
  for (const [kind, task] of inTimeOrder(tasks)) {
    if (kind === 'start') await out.write(taskStart(task));
    else await out.write(taskEnd(task, accumulators.update(task.numbers), executorGc(plan, task), plan.spec.majorGcShare));
    lastFinish = Math.max(lastFinish, task.finish);
  }
  const attempt = stage.attempt ?? 0;
  const driverHeap = factor >= 1 ? plan.driverPeakHeap : Math.round(plan.driverPeakHeap * random.between(0.7, 0.95));
  await out.write(stageExecutorMetrics('driver', stage.stageId, executorMetrics(driverHeap, random.int(140, 180) * MIB, 0), attempt));
  for (const [index, executor] of plan.executors.entries()) {
    const gcMs = plan.spec.majorGcShare === undefined ? 0 : (plan.executorGcMs.get(executor.id) ?? 0);
    await out.write(stageExecutorMetrics(executor.id, stage.stageId, executorMetrics(stageHeap[index] ?? 0, plan.offHeap[index] ?? 0, gcMs, plan.spec.majorGcShare), attempt));
  }
  stage.completed = lastFinish + random.int(5, 20);
  stage.accumulables = accumulators.final();
  const reason = reasonFor(tasks.filter((task) => task.failure !== undefined));
  if (reason !== undefined) stage.failureReason = reason;
  await out.write(stageCompleted(stage));
  progress.time = stage.completed + random.int(10, 60);
  return tasks;
}

/**
 * The executor's own GC time after this task: a pause stops every task running on it, so each task's GC time is
 * counted once per busy core; the executor's share of it is the task's GC time over its cores.
 */
function executorGc(plan: AppPlan, task: TaskRun): number | undefined {
  if (plan.spec.majorGcShare === undefined) return undefined;
  const gcMs = (plan.executorGcMs.get(task.executor.id) ?? 0) + task.numbers.gcMs / Math.max(1, plan.spec.executorCores);
  plan.executorGcMs.set(task.executor.id, gcMs);
  return gcMs;
}

/** A fetch failure fails the stage attempt; a task failing all its attempts aborts the stage. */
function failureReason(stage: StagePlan, failed: TaskRun[], plan: AppPlan): string | undefined {
  const failures = stage.spec.failures;
  const last = failed.at(-1);
  if (!failures || !last) return undefined;
  if (failures.kind === 'fetch-failed') return `org.apache.spark.shuffle.FetchFailedException: Failed to connect to ${last.executor.host}/10.0.2.17:7337`;
  if (!failures.fatal) return undefined;
  return abortMessage(failureContext(failures.kind, last, plan));
}

function failureContext(kind: FailureContext['kind'], task: TaskRun, plan: AppPlan): FailureContext {
  return { kind, executor: task.executor, stageId: task.stageId, index: task.index, attempt: task.attempt ?? 0, taskId: task.taskId, peer: task.executor, containerGb: containerGb(plan) };
}

/** Executors whose container died during the stage are removed (with YARN's reason) and replaced by new ones. */
async function replaceLostExecutors(out: LineSink, plan: AppPlan, progress: Progress, failed: TaskRun[], stage: StagePlan): Promise<void> {
  const kind = stage.spec.failures?.kind;
  if (!kind || !losesExecutor(kind)) return;
  const lost = [...new Map(failed.map((task) => [task.executor.id, task])).values()];
  for (const task of lost) {
    const index = plan.executors.findIndex((executor) => executor.id === task.executor.id);
    if (index < 0) continue;
    progress.time += plan.random.int(200, 900);
    await out.write({ Event: 'SparkListenerExecutorRemoved', Timestamp: progress.time, 'Executor ID': task.executor.id, 'Removed Reason': lossReason(failureContext(kind, task, plan)) });
    plan.replaced = (plan.replaced ?? 0) + 1;
    const id = String(plan.executors.length + plan.replaced);
    const replacement = { id, host: task.executor.host, container: task.executor.container.replace(/\d{6}$/, (n) => String(Number(n) + 100).padStart(6, '0')) };
    plan.executors[index] = replacement;
    progress.time += plan.random.int(3000, 6000);
    await out.write(executorAdded(plan.spec, replacement, progress.time));
    await out.write(blockManagerAdded(id, replacement.host, plan.spec.executorMemory, progress.time + plan.random.int(120, 260)));
  }
}

/** Heap + overhead (spark.executor.memoryOverhead, else Spark's 10%, at least 384 MiB) in GB. */
function containerGb(plan: AppPlan): number {
  const heap = heapBytes(plan.spec.executorMemory);
  const explicit = plan.spec.properties['spark.executor.memoryOverhead'];
  const overhead = explicit ? heapBytes(explicit) : Math.max(384 * MIB, Math.floor(heap * 0.1));
  return (heap + overhead) / GIB;
}

/** TaskStart and TaskEnd events merged by time; at the same instant an end comes before a start (its slot frees first). */
function inTimeOrder(tasks: TaskRun[]): ['start' | 'end', TaskRun][] {
  const events: ['start' | 'end', TaskRun, number][] = [];
  for (const task of tasks) events.push(['start', task, task.launch], ['end', task, task.finish]);
  events.sort((a, b) => a[2] - b[2] || (a[0] === b[0] ? a[1].taskId - b[1].taskId : a[0] === 'end' ? -1 : 1));
  return events.map(([kind, task]) => [kind, task]);
}
