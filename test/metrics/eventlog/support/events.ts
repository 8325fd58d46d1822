import type { JsonObject } from '../../../../src/metrics/eventlog/json-fields.js';

/** Minimal Spark listener events for builder tests (only the fields the summarizer reads). */
export const ev = {
  logStart: (version = '3.5.1'): JsonObject => ({ Event: 'SparkListenerLogStart', 'Spark Version': version }),
  env: (props: Record<string, string>): JsonObject => ({ Event: 'SparkListenerEnvironmentUpdate', 'Spark Properties': props }),
  appStart: (time: number, attempt?: string): JsonObject => ({
    Event: 'SparkListenerApplicationStart', 'App Name': 'etl', 'App ID': 'application_1_0001', Timestamp: time, User: 'hadoop',
    ...(attempt ? { 'App Attempt ID': attempt } : {}),
  }),
  appEnd: (time: number, exitCode?: number): JsonObject => ({
    Event: 'SparkListenerApplicationEnd', Timestamp: time, ...(exitCode === undefined ? {} : { ExitCode: exitCode }),
  }),
  executorAdded: (id: string, time: number, cores: number): JsonObject => ({
    Event: 'SparkListenerExecutorAdded', Timestamp: time, 'Executor ID': id, 'Executor Info': { Host: 'h', 'Total Cores': cores },
  }),
  executorRemoved: (id: string, time: number): JsonObject => ({
    Event: 'SparkListenerExecutorRemoved', Timestamp: time, 'Executor ID': id, 'Removed Reason': 'Executor killed by driver.',
  }),
  jobStart: (jobId: number, time: number, stageIds: number[] = []): JsonObject => ({
    Event: 'SparkListenerJobStart', 'Job ID': jobId, 'Submission Time': time,
    'Stage Infos': stageIds.map((id) => ({ 'Stage ID': id, 'Stage Attempt ID': 0 })), 'Stage IDs': stageIds,
  }),
  jobEnd: (jobId: number, time: number, failure?: string): JsonObject => ({
    Event: 'SparkListenerJobEnd', 'Job ID': jobId, 'Completion Time': time,
    'Job Result': failure === undefined ? { Result: 'JobSucceeded' } : { Result: 'JobFailed', Exception: { Message: failure } },
  }),
  stageSubmitted: (stageId: number, attempt = 0): JsonObject => ({
    Event: 'SparkListenerStageSubmitted', 'Stage Info': { 'Stage ID': stageId, 'Stage Attempt ID': attempt },
  }),
  stageCompleted: (stageId: number, attempt: number, submitted: number, completed: number, failure?: string): JsonObject => ({
    Event: 'SparkListenerStageCompleted',
    'Stage Info': {
      'Stage ID': stageId, 'Stage Attempt ID': attempt, 'Submission Time': submitted, 'Completion Time': completed,
      ...(failure === undefined ? {} : { 'Failure Reason': failure }),
    },
  }),
  taskStart: (taskId: number, stageId: number, executor: string, launch: number): JsonObject => ({
    Event: 'SparkListenerTaskStart', 'Stage ID': stageId, 'Stage Attempt ID': 0,
    'Task Info': { 'Task ID': taskId, Attempt: 0, 'Executor ID': executor, 'Launch Time': launch },
  }),
  taskEnd: (task: {
    taskId: number; stageId: number; executor: string; launch: number; finish: number;
    reason?: JsonObject; attempt?: number; metrics?: JsonObject; executorMetrics?: JsonObject;
  }): JsonObject => ({
    Event: 'SparkListenerTaskEnd', 'Stage ID': task.stageId, 'Stage Attempt ID': 0,
    'Task End Reason': task.reason ?? { Reason: 'Success' },
    'Task Info': {
      'Task ID': task.taskId, Attempt: task.attempt ?? 0, 'Executor ID': task.executor,
      'Launch Time': task.launch, 'Finish Time': task.finish,
    },
    ...(task.executorMetrics ? { 'Task Executor Metrics': task.executorMetrics } : {}),
    ...(task.metrics ? { 'Task Metrics': task.metrics } : {}),
  }),
  stageExecutorMetrics: (executor: string, stageId: number, metrics: JsonObject): JsonObject => ({
    Event: 'SparkListenerStageExecutorMetrics', 'Executor ID': executor, 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Executor Metrics': metrics,
  }),
};
