import { expect } from 'vitest';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import type { HistoryServer } from './history-server.js';

interface StageData {
  status: string;
  numCompleteTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  shuffleReadBytes: number;
}

interface ExecutorData {
  id: string;
  peakMemoryMetrics?: { JVMHeapMemory?: number; MinorGCCount?: number; MajorGCCount?: number; MajorGCTime?: number };
}

type Figures = Record<string, number | null>;

/** A peak Spark reports as 0 or not at all is unknown: the summary says null (with a note), never a silent 0. */
const peak = (values: number[]): number | null => (Math.max(0, ...values) > 0 ? Math.max(...values) : null);

/** Σ MajorGCTime of the executors whose GC counters moved (all zero: not sampled); null when none did. */
function majorGcTime(executors: ExecutorData[]): number | null {
  const counted = executors.filter((e) => e.id !== 'driver' && (e.peakMemoryMetrics?.MinorGCCount ?? 0) + (e.peakMemoryMetrics?.MajorGCCount ?? 0) > 0);
  return counted.length === 0 ? null : counted.reduce((n, e) => n + (e.peakMemoryMetrics?.MajorGCTime ?? 0), 0);
}

/** Spark's own numbers for one application, from its REST API: jobs, stages and tasks that ran, spill, shuffle, peak heaps, major GC. */
export async function historyFigures(server: HistoryServer, appId: string): Promise<Figures> {
  const jobs = await server.get<{ status: string }[]>(`/applications/${appId}/jobs`);
  const stages = await server.get<StageData[]>(`/applications/${appId}/stages`);
  const executors = await server.get<ExecutorData[]>(`/applications/${appId}/allexecutors`);
  const ran = stages.filter((stage) => stage.status !== 'SKIPPED');
  const heap = (e: ExecutorData): number => e.peakMemoryMetrics?.JVMHeapMemory ?? 0;
  return {
    jobs_total: jobs.length,
    stages_total: ran.length,
    tasks_total: ran.reduce((n, stage) => n + stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks, 0),
    memory_bytes_spilled: ran.reduce((n, stage) => n + stage.memoryBytesSpilled, 0),
    disk_bytes_spilled: ran.reduce((n, stage) => n + stage.diskBytesSpilled, 0),
    shuffle_read_bytes: ran.reduce((n, stage) => n + stage.shuffleReadBytes, 0),
    executor_peak_jvm_heap_bytes: peak(executors.filter((e) => e.id !== 'driver').map(heap)),
    driver_peak_jvm_heap_bytes: peak(executors.filter((e) => e.id === 'driver').map(heap)),
    executor_major_gc_time_ms: majorGcTime(executors),
  };
}

/**
 * The summary row must agree with Spark's numbers on every field, printed side by side — the driver's peak too, which
 * Spark takes partly from the driver's own heartbeats (SparkListenerExecutorMetricsUpdate, stage -1) that it logs.
 */
export function expectAgreement(row: ApplicationSummary, theirs: Figures): void {
  const ours = Object.fromEntries(Object.keys(theirs).map((key) => [key, row[key as keyof ApplicationSummary] as number | null]));
  console.log(`History Server vs summary for ${row.app_id} (Spark ${row.spark_version}):\n${Object.keys(theirs).map((k) => `  ${k}: ${String(theirs[k])} vs ${String(ours[k])}`).join('\n')}`);
  expect(ours).toEqual(theirs);
}
