import { describe, expect, it } from 'vitest';
import { hasSharedEvents } from '../../support/shared-data.js';
import { readCsvExpectation, readExpectation, summarizeShared } from './support/shared-summary.js';

const SPARK = 'apache-spark/core/src/test/resources/spark-events';
const SPARK_2019 = 'apache-spark-2019/core/src/test/resources/spark-events';
const HS = 'apache-spark/HistoryServerExpectations';
const HS_2019 = 'apache-spark-2019/HistoryServerExpectations';
const RAPIDS = 'NVIDIA-spark-rapids-tools/core/src/test/resources';
const PROFILING = 'NVIDIA-spark-rapids-tools/ProfilingExpectations';

interface AppAttempt {
  attemptId?: string;
  startTimeEpoch: number;
  endTimeEpoch: number;
  duration: number;
  sparkUser: string;
  completed: boolean;
  appSparkVersion: string;
}
interface AppListEntry { id: string; name: string; attempts: AppAttempt[] }
interface Stage {
  status: string; numFailedTasks: number; numKilledTasks: number; numCompleteTasks: number;
  executorRunTime: number; executorCpuTime: number; jvmGcTime: number; inputBytes: number; outputBytes: number;
  shuffleReadBytes: number; shuffleWriteBytes: number; memoryBytesSpilled: number; diskBytesSpilled: number;
}
interface Job { status: string; numFailedTasks: number; numKilledTasks: number; numCompletedTasks: number }
interface Executor {
  id: string; totalTasks: number; failedTasks: number; totalGCTime: number;
  peakMemoryMetrics?: { JVMHeapMemory: number; JVMOffHeapMemory: number; ProcessTreeJVMRSSMemory?: number };
}

/** The log file of an app attempt in the History Server's test directory (`HistoryServerSuite`'s naming). */
function logOf(appId: string, attempt: string | undefined, dir: string): string {
  if (appId === 'local-1426533911241') return `${dir}/${attempt === '2' ? 'local-1426633911242' : 'local-1426533911241'}`;
  return attempt ? `${dir}/${appId}_${attempt}` : `${dir}/${appId}`;
}

const sum = <T>(items: T[], pick: (item: T) => number): number => items.reduce((total, item) => total + pick(item), 0);
const positiveMax = (values: (number | undefined)[]): number | null => {
  const max = Math.max(0, ...values.map((value) => value ?? 0));
  return max > 0 ? max : null;
};

describe.skipIf(!hasSharedEvents)('oracles: the History Server\'s application lists', () => {
  const cases: [string, AppListEntry, AppAttempt, string][] = [];
  if (hasSharedEvents) {
    for (const app of readExpectation<AppListEntry[]>(`${HS}/application_list_json_expectation.json`)) {
      for (const attempt of app.attempts) cases.push([`${app.id}/${attempt.attemptId ?? '-'}`, app, attempt, logOf(app.id, attempt.attemptId, SPARK)]);
    }
    for (const app of readExpectation<AppListEntry[]>(`${HS_2019}/application_list_json_expectation.json`)) {
      if (!['application_1536831636016_59384', 'application_1506645932520_24630151'].includes(app.id)) continue;
      for (const attempt of app.attempts) cases.push([`2019 ${app.id}`, app, attempt, logOf(app.id, attempt.attemptId, SPARK_2019)]);
    }
  }

  it('lists 19 application attempts to check', () => {
    expect(cases).toHaveLength(19);
  });

  it.each(cases)('%s', async (_name, app, attempt, log) => {
    const row = await summarizeShared(log);
    expect(row).toMatchObject({
      app_id: app.id,
      attempt_id: attempt.attemptId ?? null,
      app_name: app.name,
      user: attempt.sparkUser,
      start_time: attempt.startTimeEpoch,
      end_time: attempt.endTimeEpoch,
      duration_ms: attempt.duration,
      spark_version: attempt.appSparkVersion === '' ? null : attempt.appSparkVersion,
      status: attempt.completed ? 'succeeded' : 'incomplete',
    });
  });
});

describe.skipIf(!hasSharedEvents)('oracles: the History Server\'s job and stage lists', () => {
  it.each([
    ['job_list_json', 'local-1422981780767', 3],
    ['job_list_from_multi_attempt_app_json_1_', 'local-1426533911241', 1],
    ['job_list_from_multi_attempt_app_json_2_', 'local-1426633911242', 1],
  ] as const)('%s', async (oracle, log, jobs) => {
    const expected = readExpectation<Job[]>(`${HS}/${oracle}_expectation.json`);
    const row = await summarizeShared(`${SPARK}/${log}`);
    expect(expected).toHaveLength(jobs);
    expect(row.jobs_total).toBe(expected.length);
    expect(row.jobs_failed).toBe(expected.filter((job) => job.status === 'FAILED').length);
    expect(row.tasks_failed).toBe(sum(expected, (job) => job.numFailedTasks));
    expect(row.tasks_killed).toBe(sum(expected, (job) => job.numKilledTasks));
    expect(row.tasks_total).toBe(sum(expected, (job) => job.numCompletedTasks + job.numFailedTasks + job.numKilledTasks));
  });

  it.each([
    ['stage_list_json', 'local-1422981780767'],
    ['stage_list_with_accumulable_json', 'local-1426533911241'],
    ['stage_list_with_peak_metrics', 'app-20200706201101-0003'],
  ] as const)('%s', async (oracle, log) => {
    const stages = readExpectation<Stage[]>(`${HS}/${oracle}_expectation.json`);
    const row = await summarizeShared(`${SPARK}/${log}`);
    expect(row).toMatchObject({
      stages_total: stages.length,
      stages_failed: stages.filter((stage) => stage.status === 'FAILED').length,
      executor_run_time_ms: sum(stages, (stage) => stage.executorRunTime),
      executor_cpu_time_ms: Math.round(sum(stages, (stage) => stage.executorCpuTime) / 1e6),
      jvm_gc_time_ms: sum(stages, (stage) => stage.jvmGcTime),
      input_bytes: sum(stages, (stage) => stage.inputBytes),
      output_bytes: sum(stages, (stage) => stage.outputBytes),
      shuffle_read_bytes: sum(stages, (stage) => stage.shuffleReadBytes),
      shuffle_write_bytes: sum(stages, (stage) => stage.shuffleWriteBytes),
      memory_bytes_spilled: sum(stages, (stage) => stage.memoryBytesSpilled),
      disk_bytes_spilled: sum(stages, (stage) => stage.diskBytesSpilled),
      tasks_failed: sum(stages, (stage) => stage.numFailedTasks),
      tasks_total: sum(stages, (stage) => stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks),
    });
  });
});

describe.skipIf(!hasSharedEvents)('oracles: the History Server\'s executor lists (peaks, GC, tasks)', () => {
  it.each([
    [`${HS}/executor_list_with_executor_metrics_json`, `${SPARK}/application_1553914137147_0018`],
    [`${HS_2019}/executor_list_with_executor_metrics_json`, `${SPARK_2019}/application_1506645932520_24630151`],
    [`${HS_2019}/executor_list_with_executor_garbage_collection_metrics_json`, `${SPARK_2019}/application_1536831636016_59384_1`],
    [`${HS}/executor_memory_usage`, `${SPARK}/app-20161116163331-0000`],
    [`${HS}/executor_node_excludeOnFailure_unexcluding`, `${SPARK}/app-20161115172038-0000`],
    [`${HS}/executor_resource_information`, `${SPARK}/application_1555004656427_0144`],
  ] as const)('%s', async (oracle, log) => {
    const executors = readExpectation<Executor[]>(`${oracle}_expectation.json`);
    const workers = executors.filter((executor) => executor.id !== 'driver');
    const driver = executors.find((executor) => executor.id === 'driver');
    const row = await summarizeShared(log);
    expect(row).toMatchObject({
      // The oracle lists active executors only; none of these logs removes one.
      executors_added: workers.length,
      jvm_gc_time_ms: sum(executors, (executor) => executor.totalGCTime),
      tasks_total: sum(executors, (executor) => executor.totalTasks),
      tasks_failed: sum(executors, (executor) => executor.failedTasks),
      // Zero peaks in the oracle mean "not measured": the summary says null.
      executor_peak_jvm_heap_bytes: positiveMax(workers.map((executor) => executor.peakMemoryMetrics?.JVMHeapMemory)),
      executor_peak_offheap_bytes: positiveMax(workers.map((executor) => executor.peakMemoryMetrics?.JVMOffHeapMemory)),
      executor_peak_rss_bytes: positiveMax(workers.map((executor) => executor.peakMemoryMetrics?.ProcessTreeJVMRSSMemory)),
      driver_peak_jvm_heap_bytes: positiveMax([driver?.peakMemoryMetrics?.JVMHeapMemory]),
    });
  });

  it('executor_list_json: counts the tasks a local driver ran (its GC total there is 0, the stage list\'s 352 matches ours)', async () => {
    const [driver] = readExpectation<Executor[]>(`${HS}/executor_list_json_expectation.json`);
    const row = await summarizeShared(`${SPARK}/local-1422981780767`);
    expect(row).toMatchObject({ executors_added: 0, tasks_total: driver?.totalTasks, tasks_failed: driver?.failedTasks, jvm_gc_time_ms: 352 });
  });
});

describe.skipIf(!hasSharedEvents)('oracles: Sparklens and spark-rapids-tools', () => {
  it('matches Sparklens\' application metrics for local-1532512550423', async () => {
    const lens = readExpectation<{
      appInfo: { startTime: number; endTime: number };
      appMetrics: { count: number; map: Record<string, { value: number; max: number }> };
    }>('qubole-sparklens/local-1532512550423.sparklens.json');
    const row = await summarizeShared('qubole-sparklens/src/test/event-history-test-files/local-1532512550423');
    const metric = (name: string): { value: number; max: number } => lens.appMetrics.map[name] ?? { value: NaN, max: NaN };
    expect(row).toMatchObject({
      start_time: lens.appInfo.startTime,
      end_time: lens.appInfo.endTime,
      tasks_total: lens.appMetrics.count,
      executor_run_time_ms: metric('executorRuntime').value,
      jvm_gc_time_ms: metric('jvmGCTime').value,
      task_duration_max_ms: metric('taskDuration').max,
      memory_bytes_spilled: metric('memoryBytesSpilled').value,
      shuffle_read_bytes: metric('shuffleReadBytesRead').value,
      shuffle_write_bytes: metric('shuffleWriteBytesWritten').value,
      input_bytes: metric('inputBytesRead').value,
      output_bytes: metric('outputBytesWritten').value,
    });
  });

  it('matches the health check of tasks_executors_fail_compressed_eventlog', async () => {
    const row = await summarizeShared(`${RAPIDS}/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd`);
    const failedTasks = readCsvExpectation(`${PROFILING}/tasks_failure_eventlog_expectation.csv`);
    const [failedJob] = readCsvExpectation(`${PROFILING}/jobs_failure_eventlog_expectation.csv`);
    expect(row).toMatchObject({
      fetch_failures: failedTasks.filter((task) => task.failureReason?.startsWith('FetchFailed')).length,
      executor_lost_failures: failedTasks.filter((task) => task.failureReason?.startsWith('ExecutorLostFailure')).length,
      executors_removed: readCsvExpectation(`${PROFILING}/executors_removed_eventlog_expectation.csv`).length,
      stages_failed: readCsvExpectation(`${PROFILING}/stages_failure_eventlog_expectation.csv`).length,
      jobs_failed: 1,
      status: 'failed',
    });
    expect(failedJob?.failureReason).toContain(row.failure_reason);
  });

  it('matches the stage and job aggregates of rapids_join_eventlog', async () => {
    const stages = readCsvExpectation(`${PROFILING}/rapids_join_eventlog_stagemetricsagg_expectation.csv`);
    const jobs = readCsvExpectation(`${PROFILING}/rapids_join_eventlog_jobmetricsagg_expectation.csv`);
    const total = (column: string): number => sum(stages, (stage) => Number(stage[column]));
    const row = await summarizeShared(`${RAPIDS}/spark-events-profiling/rapids_join_eventlog.zstd`);
    expect(row).toMatchObject({
      stages_total: stages.length,
      tasks_total: total('numTasks'),
      executor_run_time_ms: total('executorRunTimeSum'),
      jvm_gc_time_ms: total('jvmGCTimeSum'),
      input_bytes: total('inputBytesReadSum'),
      output_bytes: total('outputBytesWrittenSum'),
      shuffle_read_bytes: total('srTotalBytesReadSum'),
      shuffle_write_bytes: total('swBytesWrittenSum'),
      memory_bytes_spilled: total('memoryBytesSpilledSum'),
      disk_bytes_spilled: total('diskBytesSpilledSum'),
      task_duration_max_ms: Math.max(...stages.map((stage) => Number(stage.durationMax))),
      stage_duration_max_ms: Math.max(...stages.map((stage) => Number(stage.duration))),
      job_duration_max_ms: Math.max(...jobs.map((job) => Number(job.duration))),
    });
    // The tool converts each task's CPU ns to ms before summing; allow one ms of rounding per task.
    expect(Math.abs((row.executor_cpu_time_ms ?? 0) - total('executorCPUTimeSum'))).toBeLessThanOrEqual(total('numTasks'));
  });

  const QUALIFICATION: [label: string, log: string][] = [
    ['spark_2', 'spark-events-profiling/spark2-eventlog.zstd'],
    ['missing_sql_end', 'spark-events-qualification/join_missing_sql_end'],
    ['empty_eventlog', 'spark-events-qualification/empty_eventlog'],
    ['eventlog_rolling', 'spark-events-qualification/eventlog_v2_local-1623876083964'],
    ['db_eventlog_rolling', 'spark-events-qualification/db_sim_eventlog'],
    ['writeformat_eventlog', 'spark-events-qualification/writeformat_eventlog'],
    ['nested_type_eventlog', 'spark-events-qualification/nested_type_eventlog'],
    ['jdbc_eventlog', 'spark-events-qualification/jdbc_eventlog.zstd'],
    ['read_dsv2', 'spark-events-profiling/eventlog_dsv2.zstd'],
    ['dsv1_complex', 'spark-events-qualification/complex_dec_eventlog.zstd'],
    ['nested_dsv2', 'spark-events-qualification/eventlog_nested_dsv2'],
    ['support_multiple_attempts', 'spark-events-qualification/multiple_attempts/attempt_4_eventlog.zstd'],
    ['simple_udf', 'spark-events-qualification/dataset_eventlog'],
    ['simple_udf', 'spark-events-qualification/dsAndDf_eventlog.zstd'],
    ['simple_udf', 'spark-events-qualification/udf_dataset_eventlog'],
    ['simple_udf', 'spark-events-qualification/udf_func_eventlog'],
  ];

  it.each(QUALIFICATION)('matches the qualification tool\'s app duration (%s: %s)', async (label, log) => {
    const row = await summarizeShared(`${RAPIDS}/${log}`);
    const apps = readCsvExpectation(`NVIDIA-spark-rapids-tools/QualificationExpectations/${label}/apps_summary.csv`);
    const app = apps.find((candidate) => candidate['App ID'] === row.app_id);
    expect(app?.['App Duration Estimated']).toBe('false');
    expect(row.duration_ms).toBe(Number(app?.['App Duration']));
    expect(row.attempt_id ?? '1').toBe(app?.['Attempt ID']);
  });
});
