import { describe, expect, it } from 'vitest';
import { hasSharedEvents } from '../../support/shared-data.js';
import { epochOf, HS, HS_2019, positiveMax, SPARK, SPARK_2019, sum, type Executor } from './support/history-server.js';
import { readExpectation, summarizeShared } from './support/shared-summary.js';

const EXECUTOR_LISTS: [oracle: string, log: string][] = [
  [`${HS}/executor_list_with_executor_metrics_json`, `${SPARK}/application_1553914137147_0018`],
  [`${HS_2019}/executor_list_with_executor_metrics_json`, `${SPARK_2019}/application_1506645932520_24630151`],
  [`${HS_2019}/executor_list_with_executor_garbage_collection_metrics_json`, `${SPARK_2019}/application_1536831636016_59384_1`],
  [`${HS}/executor_memory_usage`, `${SPARK}/app-20161116163331-0000`],
  [`${HS}/executor_node_excludeOnFailure`, `${SPARK}/app-20161116163331-0000`],
  [`${HS}/executor_node_excludeOnFailure_unexcluding`, `${SPARK}/app-20161115172038-0000`],
  [`${HS}/executor_resource_information`, `${SPARK}/application_1555004656427_0144`],
];

/** Σ MajorGCTime of the executors whose GC counters moved (all-zero counters are "not measured"); null when none did. */
function majorGcTime(workers: readonly Executor[]): number | null {
  const counted = workers.map((executor) => executor.peakMemoryMetrics)
    .filter((peaks) => (peaks?.MinorGCCount ?? 0) + (peaks?.MajorGCCount ?? 0) > 0);
  return counted.length === 0 ? null : sum(counted, (peaks) => peaks?.MajorGCTime ?? 0);
}

/** The History Server's executor lists (tasks, GC, I/O, peak memory, lifetimes × cores) against our rows (see ORACLES.md). */
describe.skipIf(!hasSharedEvents)('oracles: the History Server\'s executor lists', () => {
  it.each(EXECUTOR_LISTS)('%s', async (oracle, log) => {
    const executors = readExpectation<Executor[]>(`${oracle}_expectation.json`);
    const workers = executors.filter((executor) => executor.id !== 'driver');
    const driver = executors.find((executor) => executor.id === 'driver');
    const row = await summarizeShared(log);
    expect(row).toMatchObject({
      // The oracle lists active executors only; none of these logs removes one.
      executors_added: workers.length,
      executors_removed: 0,
      tasks_total: sum(executors, (executor) => executor.totalTasks),
      tasks_failed: sum(executors, (executor) => executor.failedTasks),
      jvm_gc_time_ms: sum(executors, (executor) => executor.totalGCTime),
      input_bytes: sum(executors, (executor) => executor.totalInputBytes),
      shuffle_read_bytes: sum(executors, (executor) => executor.totalShuffleRead),
      shuffle_write_bytes: sum(executors, (executor) => executor.totalShuffleWrite),
      // Zero peaks in the oracle mean "not measured": the summary says null.
      executor_peak_jvm_heap_bytes: positiveMax(workers.map((executor) => executor.peakMemoryMetrics?.JVMHeapMemory)),
      executor_peak_offheap_bytes: positiveMax(workers.map((executor) => executor.peakMemoryMetrics?.JVMOffHeapMemory)),
      executor_peak_rss_bytes: positiveMax(workers.map((executor) => executor.peakMemoryMetrics?.ProcessTreeJVMRSSMemory)),
      driver_peak_jvm_heap_bytes: positiveMax([driver?.peakMemoryMetrics?.JVMHeapMemory]),
      executor_major_gc_time_ms: majorGcTime(workers),
    });
    // Every executor is still alive at the end: its cores count from its add time to the application's end.
    expect(row.executor_core_ms_allocated).toBe(sum(workers, (executor) => ((row.end_time ?? NaN) - epochOf(executor.addTime)) * executor.totalCores));
  });

  it('executor_list_json: counts the tasks a local driver ran (its GC total there is 0, the stage list\'s 352 matches ours)', async () => {
    const [driver] = readExpectation<Executor[]>(`${HS}/executor_list_json_expectation.json`);
    const row = await summarizeShared(`${SPARK}/local-1422981780767`);
    expect(row).toMatchObject({
      executors_added: 0, tasks_total: driver?.totalTasks, tasks_failed: driver?.failedTasks, jvm_gc_time_ms: 352,
      input_bytes: driver?.totalInputBytes, shuffle_read_bytes: driver?.totalShuffleRead, shuffle_write_bytes: driver?.totalShuffleWrite,
    });
  });
});
