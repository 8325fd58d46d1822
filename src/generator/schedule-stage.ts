import type { ExecutorPlacement } from './app-events.js';
import { taskEndReason } from './failure-events.js';
import type { Random } from './prng.js';
import type { Range, StageSpec } from './spec.js';
import type { TaskNumbers, TaskRun } from './task-events.js';

const MIB = 1024 * 1024;

/** What scheduling a stage needs to know about the application. */
export interface StageContext {
  executors: ExecutorPlacement[];
  cores: number;
  /** Heap each executor uses in this stage (bytes), by executor index. */
  stageHeap: number[];
  offHeap: number[];
  gcFraction: Range;
  random: Random;
  /** The stage attempt being scheduled (0 unless retried). */
  stageAttempt?: number;
  /** Executor container size in GB (heap + overhead), for YARN's kill message. */
  containerGb?: number;
}

/**
 * Places a stage's tasks on executor slots (executors × cores), each task on the slot that
 * frees first, as Spark's scheduler does with locality off; slots are interleaved across
 * executors so tasks spread. Returns the task attempts in launch order. Planted failures add
 * failed attempts first and their retries after them; a `fetch-failed` stage ends its first
 * tasks with FetchFailed (the caller retries the stage).
 */
export function scheduleStage(stage: StageSpec, stageId: number, start: number, firstTaskId: number, context: StageContext): TaskRun[] {
  const { executors, random } = context;
  const slots = Array.from({ length: executors.length * context.cores }, () => start);
  const tasks: TaskRun[] = [];
  for (const [position, attempt] of attemptPlan(stage).entries()) {
    const slot = earliest(slots);
    const executorIndex = slot % executors.length;
    const executor = executors[executorIndex];
    if (!executor) throw new Error('A generated stage needs at least one executor.');
    const previous = attempt.after === undefined ? undefined : tasks[attempt.after];
    const launch = Math.max((slots[slot] ?? start) + random.int(1, 8), previous ? previous.finish + 1 : 0);
    const skewed = stage.skew !== undefined && attempt.index < stage.skew.tasks;
    const drawn = random.int(stage.taskMs.min, stage.taskMs.max);
    const full = skewed && stage.skew ? Math.round(drawn * stage.skew.factor) : drawn;
    const duration = attempt.fails && stage.failures?.kind !== 'fetch-failed' ? Math.max(1, Math.round(full * 0.4)) : full;
    const finish = launch + duration;
    slots[slot] = finish + 1;
    const task: TaskRun = {
      taskId: firstTaskId + position,
      index: attempt.index,
      stageId,
      executor,
      launch,
      finish,
      heap: Math.round((context.stageHeap[executorIndex] ?? 0) * random.between(0.86, 1)),
      offHeap: Math.round((context.offHeap[executorIndex] ?? 0) * random.between(0.97, 1)),
      numbers: taskNumbers(stage, duration, executors.length, context, skewed && stage.skew ? stage.skew.factor : 1),
    };
    if (attempt.attempt > 0) task.attempt = attempt.attempt;
    if (context.stageAttempt) task.stageAttempt = context.stageAttempt;
    if (attempt.fails && stage.failures) {
      const peer = executors[(executorIndex + 1) % executors.length] ?? executor;
      task.failure = taskEndReason({
        kind: stage.failures.kind, executor, stageId, index: attempt.index, attempt: attempt.attempt, taskId: task.taskId, peer,
        containerGb: context.containerGb ?? 0,
      });
    }
    tasks.push(task);
  }
  return tasks;
}

/** One task attempt to place: its partition, attempt number, whether it fails, and the attempt it must follow. */
interface PlannedAttempt {
  index: number;
  attempt: number;
  fails: boolean;
  after?: number;
}

/** The attempts of a stage, failed ones first (a retry waits for its failed attempt). */
export function attemptPlan(stage: StageSpec): PlannedAttempt[] {
  const failures = stage.failures;
  const plain = (index: number): PlannedAttempt => ({ index, attempt: 0, fails: false });
  if (!failures) return Array.from({ length: stage.tasks }, (_, index) => plain(index));
  const count = Math.min(failures.tasks, stage.tasks);
  if (failures.kind === 'fetch-failed') {
    return Array.from({ length: stage.tasks }, (_, index) => ({ ...plain(index), fails: index < count }));
  }
  if (failures.fatal) {
    const failed = Array.from({ length: MAX_TASK_FAILURES }, (_, attempt): PlannedAttempt => ({ index: 0, attempt, fails: true, ...(attempt > 0 ? { after: attempt - 1 } : {}) }));
    return [...failed, ...Array.from({ length: stage.tasks - 1 }, (_, i) => plain(i + 1))];
  }
  const failed = Array.from({ length: count }, (_, index): PlannedAttempt => ({ index, attempt: 0, fails: true }));
  const rest = Array.from({ length: stage.tasks }, (_, index): PlannedAttempt => (index < count ? { index, attempt: 1, fails: false, after: index } : plain(index)));
  return [...failed, ...rest];
}

/** spark.task.maxFailures: a task that fails this often fails its stage. */
export const MAX_TASK_FAILURES = 4;

function taskNumbers(stage: StageSpec, duration: number, executorCount: number, { random, gcFraction }: StageContext, readFactor: number): TaskNumbers {
  const deserializeMs = random.int(2, Math.min(25, Math.max(2, Math.floor(duration / 10))));
  const resultSerializationMs = random.int(0, 2);
  const runMs = Math.max(1, duration - deserializeMs - resultSerializationMs - random.int(1, 4));
  const jitter = (bytes: number): number => (bytes > 0 ? Math.round(bytes * random.between(0.9, 1.1)) : 0);
  const input = jitter(stage.inputBytesPerTask);
  const shuffleRead = Math.round(jitter(stage.shuffleReadBytesPerTask) * readFactor);
  const localBytes = Math.round(shuffleRead / executorCount);
  const shuffleWrite = jitter(stage.shuffleWriteBytesPerTask);
  const output = jitter(stage.outputBytesPerTask);
  const numbers: TaskNumbers = {
    deserializeMs,
    deserializeCpuNs: Math.round(deserializeMs * random.between(0.5, 0.9) * 1e6),
    runMs,
    cpuNs: Math.round(runMs * random.between(0.55, 0.85) * 1e6),
    gcMs: Math.round(runMs * random.between(gcFraction.min, gcFraction.max)),
    resultSize: random.int(2200, 6400),
    resultSerializationMs,
    peakExecutionMemory: shuffleRead + shuffleWrite > 0 ? random.int(32, 256) * MIB : 0,
    inputBytes: input,
    inputRecords: Math.round(input / 92),
    remoteBlocks: shuffleRead > 0 ? random.int(20, 60) : 0,
    localBlocks: shuffleRead > 0 ? random.int(2, 8) : 0,
    fetchWaitMs: shuffleRead > 0 ? random.int(0, 30) : 0,
    remoteBytes: shuffleRead - localBytes,
    localBytes,
    shuffleReadRecords: Math.round(shuffleRead / 40),
    shuffleWriteBytes: shuffleWrite,
    shuffleWriteNs: Math.round(shuffleWrite * random.between(2, 5)),
    shuffleWriteRecords: Math.round(shuffleWrite / 40),
    outputBytes: output,
    outputRecords: Math.round(output / 60),
  };
  if (stage.spillBytesPerTask !== undefined) {
    numbers.memorySpilled = Math.round(jitter(stage.spillBytesPerTask) * readFactor);
    numbers.diskSpilled = Math.round(numbers.memorySpilled / 3);
  }
  return numbers;
}

function earliest(slots: number[]): number {
  let best = 0;
  for (let slot = 1; slot < slots.length; slot += 1) {
    if ((slots[slot] ?? Infinity) < (slots[best] ?? Infinity)) best = slot;
  }
  return best;
}
