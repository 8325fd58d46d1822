import type { ExecutorPlacement } from './app-events.js';
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
}

/**
 * Places a stage's tasks on executor slots (executors × cores), each task on the slot that
 * frees first, as Spark's scheduler does with locality off; slots are interleaved across
 * executors so tasks spread. Returns the task attempts in launch order.
 */
export function scheduleStage(stage: StageSpec, stageId: number, start: number, firstTaskId: number, context: StageContext): TaskRun[] {
  const { executors, random } = context;
  const slots = Array.from({ length: executors.length * context.cores }, () => start);
  const tasks: TaskRun[] = [];
  for (let index = 0; index < stage.tasks; index += 1) {
    const slot = earliest(slots);
    const executorIndex = slot % executors.length;
    const executor = executors[executorIndex];
    if (!executor) throw new Error('A generated stage needs at least one executor.');
    const launch = (slots[slot] ?? start) + random.int(1, 8);
    const duration = random.int(stage.taskMs.min, stage.taskMs.max);
    const finish = launch + duration;
    slots[slot] = finish + 1;
    tasks.push({
      taskId: firstTaskId + index,
      index,
      stageId,
      executor,
      launch,
      finish,
      heap: Math.round((context.stageHeap[executorIndex] ?? 0) * random.between(0.86, 1)),
      offHeap: Math.round((context.offHeap[executorIndex] ?? 0) * random.between(0.97, 1)),
      numbers: taskNumbers(stage, duration, executors.length, context),
    });
  }
  return tasks;
}

function taskNumbers(stage: StageSpec, duration: number, executorCount: number, { random, gcFraction }: StageContext): TaskNumbers {
  const deserializeMs = random.int(2, Math.min(25, Math.max(2, Math.floor(duration / 10))));
  const resultSerializationMs = random.int(0, 2);
  const runMs = Math.max(1, duration - deserializeMs - resultSerializationMs - random.int(1, 4));
  const jitter = (bytes: number): number => (bytes > 0 ? Math.round(bytes * random.between(0.9, 1.1)) : 0);
  const input = jitter(stage.inputBytesPerTask);
  const shuffleRead = jitter(stage.shuffleReadBytesPerTask);
  const localBytes = Math.round(shuffleRead / executorCount);
  const shuffleWrite = jitter(stage.shuffleWriteBytesPerTask);
  const output = jitter(stage.outputBytesPerTask);
  return {
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
}

function earliest(slots: number[]): number {
  let best = 0;
  for (let slot = 1; slot < slots.length; slot += 1) {
    if ((slots[slot] ?? Infinity) < (slots[best] ?? Infinity)) best = slot;
  }
  return best;
}
