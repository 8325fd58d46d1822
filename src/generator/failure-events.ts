import type { ExecutorPlacement } from './app-events.js';
import type { TaskFailureKind } from './spec.js';

/** What a failed attempt needs to describe itself. */
export interface FailureContext {
  kind: TaskFailureKind;
  executor: ExecutorPlacement;
  stageId: number;
  index: number;
  attempt: number;
  taskId: number;
  /** For fetch failures: an executor that served the lost shuffle block. */
  peer: ExecutorPlacement;
  /** The container limit in GB, for YARN's message. */
  containerGb: number;
}

const OOM_TRACE =
  'java.lang.OutOfMemoryError: Java heap space\n' +
  '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n' +
  '\tat org.apache.spark.sql.catalyst.expressions.UnsafeRow.copy(UnsafeRow.java:498)\n' +
  '\tat org.apache.spark.sql.execution.aggregate.ObjectAggregationMap.getAggregationBuffer(ObjectAggregationMap.scala:47)\n' +
  '\tat org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:620)\n';

const NOT_FOUND_TRACE =
  'java.io.FileNotFoundException: No such file or directory: s3://warehouse/orders/dt=2026-11-19/part-00007.snappy.parquet\n' +
  '\tat org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:3866)\n' +
  '\tat org.apache.spark.sql.execution.datasources.FileScanRDD$$anon$1.nextIterator(FileScanRDD.scala:294)\n' +
  '\tat org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:620)\n';

function exceptionFailure(className: string, description: string, trace: string): object {
  const frames = trace.split('\n').slice(1).filter((line) => line.startsWith('\tat ')).map((line) => {
    const match = /^\tat (.+)\.([^.(]+)\(([^:]+):(\d+)\)$/.exec(line);
    return { 'Declaring Class': match?.[1] ?? '', 'Method Name': match?.[2] ?? '', 'File Name': match?.[3] ?? '', 'Line Number': Number(match?.[4] ?? 0) };
  });
  return { Reason: 'ExceptionFailure', 'Class Name': className, Description: description, 'Stack Trace': frames, 'Full Stack Trace': trace, 'Accumulator Updates': [] };
}

/** The `Task End Reason` Spark 3.5 writes for a failed attempt of this kind. */
export function taskEndReason(c: FailureContext): object {
  switch (c.kind) {
    case 'oom':
      return exceptionFailure('java.lang.OutOfMemoryError', 'Java heap space', OOM_TRACE);
    case 'exception':
      return exceptionFailure('java.io.FileNotFoundException', 'No such file or directory: s3://warehouse/orders/dt=2026-11-19/part-00007.snappy.parquet', NOT_FOUND_TRACE);
    case 'container-killed':
    case 'exit-137':
      return { Reason: 'ExecutorLostFailure', 'Executor ID': c.executor.id, 'Exit Caused By App': true, 'Loss Reason': lossReason(c) };
    case 'fetch-failed':
      return {
        Reason: 'FetchFailed',
        'Block Manager Address': { 'Executor ID': c.peer.id, Host: c.peer.host, Port: 35000 + Number(c.peer.id) },
        'Shuffle ID': Math.max(0, c.stageId - 1),
        'Map ID': c.index + 3,
        'Map Index': c.index + 3,
        'Reduce ID': c.index,
        Message: `org.apache.spark.shuffle.FetchFailedException: Failed to connect to ${c.peer.host}/10.0.2.17:7337\n\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.throwFetchFailedException(ShuffleBlockFetcherIterator.scala:1239)\n`,
      };
  }
}

/** Why the executor of a killed container was removed, as YARN reports it. */
export function lossReason(c: FailureContext): string {
  if (c.kind === 'exit-137') {
    return (
      `Container from a bad node: ${c.executor.container} on host: ${c.executor.host}. Exit status: 137. ` +
      'Diagnostics: Container killed on request. Exit code is 137\nContainer exited with a non-zero exit code 137. \nKilled by external signal\n.'
    );
  }
  if (c.kind === 'oom') {
    return `Container marked as failed: ${c.executor.container} on host: ${c.executor.host}. Exit status: 52. Diagnostics: Exception from container-launch.`;
  }
  const used = (c.containerGb * 1.012).toFixed(1);
  return (
    `Container killed by YARN for exceeding physical memory limits. ${used} GB of ${c.containerGb.toFixed(1)} GB physical memory used. ` +
    'Consider boosting spark.executor.memoryOverhead.'
  );
}

/** The message of a stage (and its job) that failed because one task failed every attempt. */
export function abortMessage(c: FailureContext): string {
  const cause =
    c.kind === 'oom'
      ? 'java.lang.OutOfMemoryError: Java heap space'
      : c.kind === 'exception'
        ? 'java.io.FileNotFoundException: No such file or directory: s3://warehouse/orders/dt=2026-11-19/part-00007.snappy.parquet'
        : `ExecutorLostFailure (executor ${c.executor.id} exited caused by one of the running tasks) Reason: ${lossReason(c)}`;
  return (
    `Job aborted due to stage failure: Task ${c.index} in stage ${c.stageId}.0 failed 4 times, most recent failure: ` +
    `Lost task ${c.index}.${c.attempt} in stage ${c.stageId}.0 (TID ${c.taskId}) (${c.executor.host} executor ${c.executor.id}): ${cause}`
  );
}

/** Whether the executor is gone after a failed attempt of this kind (killed container, or the JVM exited). */
export function losesExecutor(kind: TaskFailureKind): boolean {
  return kind === 'oom' || kind === 'container-killed' || kind === 'exit-137';
}
