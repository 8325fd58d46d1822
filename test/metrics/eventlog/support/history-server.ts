/** Shapes of the History Server's REST answers in `expectations/apache-spark*` (the fields the oracle tests read). */

export const SPARK = 'apache-spark/core/src/test/resources/spark-events';
export const SPARK_2019 = 'apache-spark-2019/core/src/test/resources/spark-events';
export const HS = 'apache-spark/HistoryServerExpectations';
export const HS_2019 = 'apache-spark-2019/HistoryServerExpectations';

export interface AppAttempt {
  attemptId?: string;
  startTimeEpoch: number;
  endTimeEpoch: number;
  duration: number;
  sparkUser: string;
  completed: boolean;
  appSparkVersion: string;
}

export interface AppListEntry {
  id: string;
  name: string;
  attempts: AppAttempt[];
}

export interface Job {
  jobId: number;
  status: string;
  numTasks: number;
  numCompletedTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  numSkippedStages: number;
}

export interface TaskData {
  taskId: number;
  duration: number;
  status: string;
  taskMetrics?: { shuffleReadMetrics: { remoteBytesRead: number; localBytesRead: number } };
}

export interface Stage {
  status: string;
  stageId: number;
  attemptId: number;
  numCompleteTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  submissionTime?: string;
  completionTime?: string;
  executorRunTime: number;
  executorCpuTime: number;
  jvmGcTime: number;
  inputBytes: number;
  outputBytes: number;
  shuffleReadBytes: number;
  shuffleWriteBytes: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  tasks?: Record<string, TaskData>;
}

export interface Executor {
  id: string;
  totalCores: number;
  totalTasks: number;
  failedTasks: number;
  totalGCTime: number;
  totalInputBytes: number;
  totalShuffleRead: number;
  totalShuffleWrite: number;
  isActive: boolean;
  addTime: string;
  removeTime?: string;
  peakMemoryMetrics?: {
    JVMHeapMemory: number;
    JVMOffHeapMemory: number;
    ProcessTreeJVMRSSMemory?: number;
    MinorGCCount?: number;
    MajorGCCount?: number;
    MajorGCTime?: number;
  };
}

export interface Environment {
  sparkProperties: [string, string][];
  resourceProfiles: { id: number; executorResources: Record<string, { amount: number }> }[];
}

/**
 * The log file of an app attempt in the History Server's test directory (`HistoryServerSuite`'s
 * naming: multi-attempt apps are `<id>_<attempt>`, except local-1426533911241's second attempt).
 */
export function logOf(appId: string, attempt: string | undefined, dir: string): string {
  if (appId === 'local-1426533911241') return `${dir}/${attempt === '2' ? 'local-1426633911242' : 'local-1426533911241'}`;
  return attempt ? `${dir}/${appId}_${attempt}` : `${dir}/${appId}`;
}

/** Epoch ms of the History Server's dates (`2015-02-03T16:43:05.829GMT`). */
export function epochOf(date: string | undefined): number {
  return date === undefined ? NaN : Date.parse(date.replace(/GMT$/, 'Z'));
}

export function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

/** The largest positive value, or null (the summary's "not measured"). */
export function positiveMax(values: readonly (number | undefined)[]): number | null {
  const max = Math.max(0, ...values.map((value) => value ?? 0));
  return max > 0 ? max : null;
}
