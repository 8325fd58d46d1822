import type { ExecutorPlacement } from './app-events.js';

/** The numbers of one task attempt (ms, ns for CPU and write time, bytes). */
export interface TaskNumbers {
  deserializeMs: number;
  deserializeCpuNs: number;
  runMs: number;
  cpuNs: number;
  gcMs: number;
  resultSize: number;
  resultSerializationMs: number;
  peakExecutionMemory: number;
  inputBytes: number;
  inputRecords: number;
  remoteBlocks: number;
  localBlocks: number;
  fetchWaitMs: number;
  remoteBytes: number;
  localBytes: number;
  shuffleReadRecords: number;
  shuffleWriteBytes: number;
  shuffleWriteNs: number;
  shuffleWriteRecords: number;
  outputBytes: number;
  outputRecords: number;
  /** Spill (planted problems only). */
  memorySpilled?: number;
  diskSpilled?: number;
}

/** One task attempt placed on an executor. */
export interface TaskRun {
  taskId: number;
  index: number;
  stageId: number;
  executor: ExecutorPlacement;
  launch: number;
  finish: number;
  /** JVM heap and off-heap in use on the executor while the task ran (bytes). */
  heap: number;
  offHeap: number;
  numbers: TaskNumbers;
  /** Task attempt number (0 unless a retry) and stage attempt (0 unless the stage was retried). */
  attempt?: number;
  stageAttempt?: number;
  /** The `Task End Reason` of a failed attempt. */
  failure?: object;
}

function taskInfo(task: TaskRun, finished: boolean, accumulables: object[]): object {
  return {
    'Task ID': task.taskId,
    Index: task.index,
    Attempt: task.attempt ?? 0,
    'Partition ID': task.index,
    'Launch Time': task.launch,
    'Executor ID': task.executor.id,
    Host: task.executor.host,
    Locality: task.numbers.inputBytes > 0 ? 'NODE_LOCAL' : 'PROCESS_LOCAL',
    Speculative: false,
    'Getting Result Time': 0,
    'Finish Time': finished ? task.finish : 0,
    Failed: finished && task.failure !== undefined,
    Killed: false,
    Accumulables: accumulables,
  };
}

export function taskStart(task: TaskRun): object {
  return { Event: 'SparkListenerTaskStart', 'Stage ID': task.stageId, 'Stage Attempt ID': task.stageAttempt ?? 0, 'Task Info': taskInfo(task, false, []) };
}

/** `executorGcMs`: the executor's own GC time so far, for its cumulative GC counters (the task's when not given). */
export function taskEnd(task: TaskRun, accumulables: object[], executorGcMs = task.numbers.gcMs, majorGcShare = 0): object {
  const n = task.numbers;
  return {
    Event: 'SparkListenerTaskEnd',
    'Stage ID': task.stageId,
    'Stage Attempt ID': task.stageAttempt ?? 0,
    'Task Type': n.shuffleWriteBytes > 0 ? 'ShuffleMapTask' : 'ResultTask',
    'Task End Reason': task.failure ?? { Reason: 'Success' },
    'Task Info': taskInfo(task, true, accumulables),
    'Task Executor Metrics': executorMetrics(task.heap, task.offHeap, executorGcMs, majorGcShare),
    'Task Metrics': {
      'Executor Deserialize Time': n.deserializeMs,
      'Executor Deserialize CPU Time': n.deserializeCpuNs,
      'Executor Run Time': n.runMs,
      'Executor CPU Time': n.cpuNs,
      'Peak Execution Memory': n.peakExecutionMemory,
      'Result Size': n.resultSize,
      'JVM GC Time': n.gcMs,
      'Result Serialization Time': n.resultSerializationMs,
      'Memory Bytes Spilled': n.memorySpilled ?? 0,
      'Disk Bytes Spilled': n.diskSpilled ?? 0,
      'Shuffle Read Metrics': {
        'Remote Blocks Fetched': n.remoteBlocks,
        'Local Blocks Fetched': n.localBlocks,
        'Fetch Wait Time': n.fetchWaitMs,
        'Remote Bytes Read': n.remoteBytes,
        'Remote Bytes Read To Disk': 0,
        'Local Bytes Read': n.localBytes,
        'Total Records Read': n.shuffleReadRecords,
        'Remote Requests Duration': n.fetchWaitMs,
        'Push Based Shuffle': {
          'Corrupt Merged Block Chunks': 0, 'Merged Fetch Fallback Count': 0, 'Merged Remote Blocks Fetched': 0,
          'Merged Local Blocks Fetched': 0, 'Merged Remote Chunks Fetched': 0, 'Merged Local Chunks Fetched': 0,
          'Merged Remote Bytes Read': 0, 'Merged Local Bytes Read': 0, 'Merged Remote Requests Duration': 0,
        },
      },
      'Shuffle Write Metrics': { 'Shuffle Bytes Written': n.shuffleWriteBytes, 'Shuffle Write Time': n.shuffleWriteNs, 'Shuffle Records Written': n.shuffleWriteRecords },
      'Input Metrics': { 'Bytes Read': n.inputBytes, 'Records Read': n.inputRecords },
      'Output Metrics': { 'Bytes Written': n.outputBytes, 'Records Written': n.outputRecords },
      'Updated Blocks': [],
    },
  };
}

/**
 * `Executor Metrics` / `Task Executor Metrics` (process-tree metrics off, as by default); the GC counters hold the
 * executor's GC time so far, `majorGcShare` of it in major (full) collections.
 */
export function executorMetrics(heap: number, offHeap: number, gcMs: number, majorGcShare = 0): object {
  const total = Math.round(gcMs);
  const major = Math.round(total * majorGcShare);
  return {
    JVMHeapMemory: heap,
    JVMOffHeapMemory: offHeap,
    OnHeapExecutionMemory: 0,
    OffHeapExecutionMemory: 0,
    OnHeapStorageMemory: 0,
    OffHeapStorageMemory: 0,
    OnHeapUnifiedMemory: 0,
    OffHeapUnifiedMemory: 0,
    DirectPoolMemory: 262144,
    MappedPoolMemory: 0,
    ProcessTreeJVMVMemory: 0,
    ProcessTreeJVMRSSMemory: 0,
    ProcessTreePythonVMemory: 0,
    ProcessTreePythonRSSMemory: 0,
    ProcessTreeOtherVMemory: 0,
    ProcessTreeOtherRSSMemory: 0,
    MinorGCCount: Math.max(1, Math.round((total - major) / 12)),
    MinorGCTime: total - major,
    MajorGCCount: major > 0 ? Math.max(1, Math.round(major / 250)) : 0,
    MajorGCTime: major,
    TotalGCTime: total,
    ConcurrentGCCount: 0,
    ConcurrentGCTime: 0,
  };
}
