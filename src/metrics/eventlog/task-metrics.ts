import { numberField, objectField, type JsonObject } from './json-fields.js';

/** The per-task numbers the summary sums. Units as the summary: ms and bytes (CPU time still ns). */
export interface TaskMetricValues {
  runTimeMs: number;
  cpuTimeNs: number;
  gcTimeMs: number;
  memorySpilled: number;
  diskSpilled: number;
  shuffleRead: number;
  shuffleWrite: number;
  input: number;
  output: number;
}

/**
 * Numbers from a TaskEnd's `Task Metrics`. Blocks absent in older Spark versions (or when
 * unused) count as 0, as the History Server does; a TaskEnd without `Task Metrics` (failed
 * tasks in old logs) is all zeros.
 */
export function readTaskMetrics(event: JsonObject): TaskMetricValues {
  const metrics = objectField(event, 'Task Metrics');
  const shuffleRead = objectField(metrics, 'Shuffle Read Metrics');
  return {
    runTimeMs: numberField(metrics, 'Executor Run Time') ?? 0,
    cpuTimeNs: numberField(metrics, 'Executor CPU Time') ?? 0,
    gcTimeMs: numberField(metrics, 'JVM GC Time') ?? 0,
    memorySpilled: numberField(metrics, 'Memory Bytes Spilled') ?? 0,
    diskSpilled: numberField(metrics, 'Disk Bytes Spilled') ?? 0,
    shuffleRead: (numberField(shuffleRead, 'Remote Bytes Read') ?? 0) + (numberField(shuffleRead, 'Local Bytes Read') ?? 0),
    shuffleWrite: numberField(objectField(metrics, 'Shuffle Write Metrics'), 'Shuffle Bytes Written') ?? 0,
    input: numberField(objectField(metrics, 'Input Metrics'), 'Bytes Read') ?? 0,
    output: numberField(objectField(metrics, 'Output Metrics'), 'Bytes Written') ?? 0,
  };
}
