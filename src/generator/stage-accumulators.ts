import type { TaskNumbers } from './task-events.js';

const INTERNAL: [name: string, pick: (n: TaskNumbers) => number][] = [
  ['internal.metrics.executorDeserializeTime', (n) => n.deserializeMs],
  ['internal.metrics.executorDeserializeCpuTime', (n) => n.deserializeCpuNs],
  ['internal.metrics.executorRunTime', (n) => n.runMs],
  ['internal.metrics.executorCpuTime', (n) => n.cpuNs],
  ['internal.metrics.resultSize', (n) => n.resultSize],
  ['internal.metrics.jvmGCTime', (n) => n.gcMs],
  ['internal.metrics.resultSerializationTime', (n) => n.resultSerializationMs],
  ['internal.metrics.peakExecutionMemory', (n) => n.peakExecutionMemory],
  ['internal.metrics.shuffle.read.remoteBlocksFetched', (n) => n.remoteBlocks],
  ['internal.metrics.shuffle.read.localBlocksFetched', (n) => n.localBlocks],
  ['internal.metrics.shuffle.read.remoteBytesRead', (n) => n.remoteBytes],
  ['internal.metrics.shuffle.read.localBytesRead', (n) => n.localBytes],
  ['internal.metrics.shuffle.read.fetchWaitTime', (n) => n.fetchWaitMs],
  ['internal.metrics.shuffle.read.recordsRead', (n) => n.shuffleReadRecords],
  ['internal.metrics.shuffle.write.bytesWritten', (n) => n.shuffleWriteBytes],
  ['internal.metrics.shuffle.write.recordsWritten', (n) => n.shuffleWriteRecords],
  ['internal.metrics.shuffle.write.writeTime', (n) => n.shuffleWriteNs],
  ['internal.metrics.input.bytesRead', (n) => n.inputBytes],
  ['internal.metrics.input.recordsRead', (n) => n.inputRecords],
  ['internal.metrics.output.bytesWritten', (n) => n.outputBytes],
  ['internal.metrics.output.recordsWritten', (n) => n.outputRecords],
];

/** Accumulators only planted problems update; their ids live apart so clean logs keep theirs. */
const EXTRA: [name: string, pick: (n: TaskNumbers) => number][] = [
  ['internal.metrics.memoryBytesSpilled', (n) => n.memorySpilled ?? 0],
  ['internal.metrics.diskBytesSpilled', (n) => n.diskSpilled ?? 0],
];
const EXTRA_FIRST_ID = 1_000_000;

/**
 * A stage's internal accumulators, as Spark reports them: each TaskEnd lists the non-zero
 * updates with the running stage total, and StageCompleted lists the final totals.
 */
export class StageAccumulators {
  private readonly totals = INTERNAL.map(() => 0);
  private readonly extraTotals = EXTRA.map(() => 0);
  private readonly extraFirstId: number;

  constructor(private readonly firstId: number) {
    this.extraFirstId = EXTRA_FIRST_ID + Math.floor(firstId / StageAccumulators.size) * EXTRA.length;
  }

  /** Accumulables of one TaskEnd (adds its updates to the stage totals). */
  update(numbers: TaskNumbers): object[] {
    const updates: object[] = [];
    INTERNAL.forEach(([name, pick], index) => {
      const update = pick(numbers);
      if (update === 0) return;
      const value = (this.totals[index] ?? 0) + update;
      this.totals[index] = value;
      updates.push({ ID: this.firstId + index, Name: name, Update: update, Value: value, Internal: true, 'Count Failed Values': true });
    });
    EXTRA.forEach(([name, pick], index) => {
      const update = pick(numbers);
      if (update === 0) return;
      const value = (this.extraTotals[index] ?? 0) + update;
      this.extraTotals[index] = value;
      updates.push({ ID: this.extraFirstId + index, Name: name, Update: update, Value: value, Internal: true, 'Count Failed Values': true });
    });
    return updates;
  }

  /** Accumulables of StageCompleted. */
  final(): object[] {
    const main = INTERNAL.flatMap(([name], index) => {
      const value = this.totals[index] ?? 0;
      return value === 0 ? [] : [{ ID: this.firstId + index, Name: name, Value: value, Internal: true, 'Count Failed Values': true }];
    });
    const extra = EXTRA.flatMap(([name], index) => {
      const value = this.extraTotals[index] ?? 0;
      return value === 0 ? [] : [{ ID: this.extraFirstId + index, Name: name, Value: value, Internal: true, 'Count Failed Values': true }];
    });
    return [...main, ...extra];
  }

  /** How many accumulator ids a stage uses. */
  static readonly size = INTERNAL.length;
}
