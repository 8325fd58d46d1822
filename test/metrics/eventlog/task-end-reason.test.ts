import { describe, expect, it } from 'vitest';
import { classifyTaskEnd } from '../../../src/metrics/eventlog/task-end-reason.js';

const end = (reason: Record<string, unknown>): Record<string, unknown> => ({ 'Task End Reason': reason });

describe('classifyTaskEnd', () => {
  it('follows the History Server: killed for TaskKilled and TaskCommitDenied, failed for the rest', () => {
    expect(classifyTaskEnd(end({ Reason: 'Success' })).outcome).toBe('succeeded');
    expect(classifyTaskEnd(end({ Reason: 'TaskKilled' })).outcome).toBe('killed');
    expect(classifyTaskEnd(end({ Reason: 'TaskCommitDenied' })).outcome).toBe('killed');
    for (const reason of ['Resubmitted', 'TaskResultLost', 'UnknownReason', 'FetchFailed', 'ExecutorLostFailure', 'ExceptionFailure']) {
      expect(classifyTaskEnd(end({ Reason: reason })).outcome).toBe('failed');
    }
  });

  it('recognizes memory failures', () => {
    const oom = (reason: Record<string, unknown>): boolean => classifyTaskEnd(end(reason)).oom;
    expect(oom({ Reason: 'ExceptionFailure', 'Class Name': 'java.lang.OutOfMemoryError', Description: 'Java heap space' })).toBe(true);
    expect(oom({ Reason: 'ExceptionFailure', 'Class Name': 'org.apache.spark.SparkException', 'Full Stack Trace': 'Caused by: java.lang.OutOfMemoryError: GC overhead' })).toBe(true);
    expect(oom({ Reason: 'ExceptionFailure', 'Class Name': 'com.nvidia.spark.rapids.jni.GpuSplitAndRetryOOM', Description: 'GPU OutOfMemory' })).toBe(false);
    expect(oom({ Reason: 'ExecutorLostFailure', 'Loss Reason': 'Container killed by YARN for exceeding memory limits. 10.4 GB of 10 GB physical memory used.' })).toBe(true);
    expect(oom({ Reason: 'ExecutorLostFailure', 'Loss Reason': 'The executor with id 3 exited with exit code 137(SIGKILL, possible container OOM).' })).toBe(true);
    expect(oom({ Reason: 'ExecutorLostFailure', 'Loss Reason': 'Executor exited with code 52' })).toBe(true);
    expect(oom({ Reason: 'ExecutorLostFailure', 'Loss Reason': 'Exit status: 1. Diagnostics: error' })).toBe(false);
    expect(oom({ Reason: 'ExecutorLostFailure', 'Loss Reason': 'Executor Process Lost' })).toBe(false);
  });

  it('labels causes so they aggregate', () => {
    expect(classifyTaskEnd(end({ Reason: 'ExecutorLostFailure', 'Loss Reason': 'Container killed by YARN for exceeding physical memory limits' })).cause)
      .toBe('ExecutorLostFailure (exceeding memory limits)');
    expect(classifyTaskEnd(end({ Reason: 'ExceptionFailure' })).cause).toBe('ExceptionFailure: unknown exception');
    expect(classifyTaskEnd(end({ Reason: 'TaskKilled' })).cause).toBeNull();
  });

  it('falls back to the Task Info flags without a reason', () => {
    expect(classifyTaskEnd({ 'Task Info': { Killed: true } }).outcome).toBe('killed');
    expect(classifyTaskEnd({ 'Task Info': { Failed: true } }).outcome).toBe('failed');
    expect(classifyTaskEnd({ 'Task Info': {} }).outcome).toBe('succeeded');
  });
});
