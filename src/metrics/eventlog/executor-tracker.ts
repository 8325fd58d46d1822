import type { ApplicationSummary } from '../summary.js';
import { numberField, objectField, stringField, type JsonObject } from './json-fields.js';

const DRIVER = 'driver';

interface Executor {
  added: number | null;
  removed: number | null;
  cores: number;
}

/** What allocation figures need from the rest of the summary. */
export interface AllocationContext {
  /** When executors without an ExecutorAdded timestamp started counting: application start. */
  startTime: number | null;
  /** When executors still alive stopped counting: application end, or the last event of an incomplete log. */
  endTime: number | null;
  executorMemoryMb: number | null;
  coreMsUsed: number | null;
}

interface Peaks {
  heap: number;
  offHeap: number;
  rss: number;
}

/**
 * Executors (ExecutorAdded/Removed; the driver is never counted as one) and their peak memory:
 * per executor the max of `JVMHeapMemory`, `JVMOffHeapMemory` and `ProcessTreeJVMRSSMemory` over
 * TaskEnd `Task Executor Metrics`, SparkListenerStageExecutorMetrics and the heartbeats Spark logs (the driver's
 * SparkListenerExecutorMetricsUpdate, written with `spark.eventLog.logStageExecutorMetrics`; the History Server reads
 * them too, and a driver heartbeat after the last stage can hold its peak). A zero peak means "not
 * measured" (local mode, process-tree metrics off) and is reported as null.
 * Major GC time: Spark's `MajorGCTime` (3.0+) in the same metrics is cumulative per executor JVM (old-generation or
 * full collections; G1's young and mixed ones count as minor), so per executor its max is its total; the row has the
 * sum over the executors whose counters show a collection (`MinorGCCount` or `MajorGCCount` above 0): all-zero
 * counters mean the metrics were never sampled, or a collector Spark does not classify (ZGC, Shenandoah) ran. 0 means
 * no full collection; null that no executor reported one.
 *
 * Local mode: the driver runs the tasks (ExecutorAdded "driver"). Its cores and lifetime count
 * as allocated slots, so slot utilization stays meaningful, but its memory is the driver's:
 * executor peaks stay null and `driver_peak_jvm_heap_bytes` carries the measurement.
 */
export class ExecutorTracker {
  private readonly executors = new Map<string, Executor>();
  private readonly peaks = new Map<string, Peaks>();
  /** Per executor the highest cumulative `MajorGCTime` and GC count seen (only executors whose metrics carry them). */
  private readonly gc = new Map<string, { majorMs: number; collections: number }>();
  private active = 0;
  private maxActive = 0;
  private addedCount = 0;
  private removedCount = 0;
  driverRanTasks = false;

  onExecutorAdded(event: JsonObject): void {
    const id = stringField(event, 'Executor ID');
    if (id === undefined || this.executors.has(id)) return;
    const cores = numberField(objectField(event, 'Executor Info'), 'Total Cores') ?? 0;
    this.executors.set(id, { added: numberField(event, 'Timestamp') ?? null, removed: null, cores });
    if (id === DRIVER) return;
    this.addedCount += 1;
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
  }

  onExecutorRemoved(event: JsonObject): void {
    const id = stringField(event, 'Executor ID');
    const executor = id === undefined ? undefined : this.executors.get(id);
    if (!executor || executor.removed !== null) return;
    executor.removed = numberField(event, 'Timestamp') ?? executor.added ?? 0;
    if (id === DRIVER) return;
    this.removedCount += 1;
    this.active -= 1;
  }

  onTaskEnd(event: JsonObject): void {
    const id = stringField(objectField(event, 'Task Info'), 'Executor ID');
    if (id === DRIVER) this.driverRanTasks = true;
    this.notePeaks(id, objectField(event, 'Task Executor Metrics'));
  }

  onStageExecutorMetrics(event: JsonObject): void {
    this.notePeaks(stringField(event, 'Executor ID'), objectField(event, 'Executor Metrics'));
  }

  onExecutorMetricsUpdate(event: JsonObject): void {
    const updates = event['Executor Metrics Updated'];
    if (!Array.isArray(updates)) return;
    const id = stringField(event, 'Executor ID');
    for (const update of updates) this.notePeaks(id, objectField(update, 'Executor Metrics'));
  }

  /** Whether any executor memory metrics were in the log (all-zero ones included). */
  get sawMemoryMetrics(): boolean {
    return this.peaks.size > 0;
  }

  /** Executors (driver excluded) that ran without ever reporting a non-zero heap peak. */
  get executorsWithoutPeaks(): number {
    let count = 0;
    for (const id of this.executors.keys()) {
      if (id !== DRIVER && !((this.peaks.get(id)?.heap ?? 0) > 0)) count += 1;
    }
    return count;
  }

  /** Fills executor counts, peaks and allocation (Σ lifetime × cores, Σ lifetime × executor memory). */
  fill(row: ApplicationSummary, { startTime, endTime, executorMemoryMb, coreMsUsed }: AllocationContext): void {
    row.executors_added = this.addedCount;
    row.executors_removed = this.removedCount;
    row.executors_max_concurrent = this.maxActive;
    row.executor_peak_jvm_heap_bytes = this.maxPeak((peaks) => peaks.heap);
    row.executor_peak_offheap_bytes = this.maxPeak((peaks) => peaks.offHeap);
    row.executor_peak_rss_bytes = this.maxPeak((peaks) => peaks.rss);
    const driverHeap = this.peaks.get(DRIVER)?.heap ?? 0;
    row.driver_peak_jvm_heap_bytes = driverHeap > 0 ? driverHeap : null;
    row.executor_major_gc_time_ms = this.majorGcTotal();
    if (endTime === null) return;
    let coreMs = 0;
    let memoryMs = 0;
    for (const [id, executor] of this.executors) {
      const added = executor.added ?? startTime;
      if (added === null) return;
      const lifetime = Math.max(0, (executor.removed ?? endTime) - added);
      coreMs += lifetime * executor.cores;
      if (id !== DRIVER) memoryMs += lifetime;
    }
    row.executor_core_ms_allocated = this.executors.size > 0 ? coreMs : null;
    row.executor_memory_mb_ms_allocated = executorMemoryMb !== null && this.addedCount > 0 ? memoryMs * executorMemoryMb : null;
    row.slot_utilization = coreMs > 0 && coreMsUsed !== null ? coreMsUsed / coreMs : null;
  }

  private notePeaks(id: string | undefined, metrics: JsonObject | undefined): void {
    if (id === undefined || metrics === undefined) return;
    const peaks = this.peaks.get(id) ?? { heap: 0, offHeap: 0, rss: 0 };
    peaks.heap = Math.max(peaks.heap, numberField(metrics, 'JVMHeapMemory') ?? 0);
    peaks.offHeap = Math.max(peaks.offHeap, numberField(metrics, 'JVMOffHeapMemory') ?? 0);
    peaks.rss = Math.max(peaks.rss, numberField(metrics, 'ProcessTreeJVMRSSMemory') ?? 0);
    this.peaks.set(id, peaks);
    const majorMs = numberField(metrics, 'MajorGCTime');
    if (majorMs === undefined) return;
    const gc = this.gc.get(id) ?? { majorMs: 0, collections: 0 };
    gc.majorMs = Math.max(gc.majorMs, majorMs);
    gc.collections = Math.max(gc.collections, (numberField(metrics, 'MinorGCCount') ?? 0) + (numberField(metrics, 'MajorGCCount') ?? 0));
    this.gc.set(id, gc);
  }

  private majorGcTotal(): number | null {
    let total: number | null = null;
    for (const [id, gc] of this.gc) {
      if (id !== DRIVER && gc.collections > 0) total = (total ?? 0) + gc.majorMs;
    }
    return total;
  }

  private maxPeak(pick: (peaks: Peaks) => number): number | null {
    let max = 0;
    for (const [id, peaks] of this.peaks) {
      if (id !== DRIVER) max = Math.max(max, pick(peaks));
    }
    return max > 0 ? max : null;
  }
}
