import { describe, expect, it } from 'vitest';
import { hasSharedEvents } from '../../support/shared-data.js';
import { sum } from './support/history-server.js';
import { readCsvExpectation, readExpectation, stageDistributionsOf, summarizeShared } from './support/shared-summary.js';

const RAPIDS = 'NVIDIA-spark-rapids-tools/core/src/test/resources';
const PROFILING = 'NVIDIA-spark-rapids-tools/ProfilingExpectations';
const QUALIFICATION_DIR = 'NVIDIA-spark-rapids-tools/QualificationExpectations';

interface LensMetric { value: number; min: number; max: number }
interface LensMetrics { count: number; map: Record<string, LensMetric> }
interface Sparklens {
  appInfo: { startTime: number; endTime: number };
  appMetrics: LensMetrics;
  jobMap: Record<string, { startTime: number; endTime: number }>;
  stageMap: Record<string, { stageID: number; stageMetrics: LensMetrics }>;
  executorMap: Record<string, { startTime: number; endTime: number; cores: number }>;
}

const metric = (metrics: LensMetrics, name: string): LensMetric => metrics.map[name] ?? { value: NaN, min: NaN, max: NaN };

/** Sparklens' and spark-rapids-tools' outputs for the same logs against our rows (see ORACLES.md). */
describe.skipIf(!hasSharedEvents)('oracles: Sparklens', () => {
  const LOG = 'qubole-sparklens/src/test/event-history-test-files/local-1532512550423';

  it('application metrics, job durations and the local driver\'s allocated cores', async () => {
    const lens = readExpectation<Sparklens>('qubole-sparklens/local-1532512550423.sparklens.json');
    const row = await summarizeShared(LOG);
    const app = lens.appMetrics;
    expect(row).toMatchObject({
      start_time: lens.appInfo.startTime,
      end_time: lens.appInfo.endTime,
      tasks_total: app.count,
      executor_run_time_ms: metric(app, 'executorRuntime').value,
      jvm_gc_time_ms: metric(app, 'jvmGCTime').value,
      task_duration_max_ms: metric(app, 'taskDuration').max,
      memory_bytes_spilled: metric(app, 'memoryBytesSpilled').value,
      disk_bytes_spilled: metric(app, 'diskBytesSpilled').value,
      shuffle_read_bytes: metric(app, 'shuffleReadBytesRead').value,
      shuffle_write_bytes: metric(app, 'shuffleWriteBytesWritten').value,
      input_bytes: metric(app, 'inputBytesRead').value,
      output_bytes: metric(app, 'outputBytesWritten').value,
      job_duration_max_ms: Math.max(...Object.values(lens.jobMap).map((job) => job.endTime - job.startTime)),
      executor_core_ms_allocated: sum(Object.values(lens.executorMap), (executor) => ((executor.endTime || lens.appInfo.endTime) - executor.startTime) * executor.cores),
    });
  });

  it('per-stage task durations: count, min, max and sum', async () => {
    const lens = readExpectation<Sparklens>('qubole-sparklens/local-1532512550423.sparklens.json');
    const { stages } = await stageDistributionsOf(LOG);
    for (const stage of Object.values(lens.stageMap)) {
      const durations = [...(stages.get(`${stage.stageID}.0`)?.durationsMs ?? [])];
      const expected = metric(stage.stageMetrics, 'taskDuration');
      expect([durations.length, durations[0], durations.at(-1), sum(durations, (value) => value)])
        .toEqual([stage.stageMetrics.count, expected.min, expected.max, expected.value]);
    }
  });
});

describe.skipIf(!hasSharedEvents)('oracles: spark-rapids-tools profiling', () => {
  it('tasks_executors_fail_compressed_eventlog: the health check\'s failed tasks, stages, jobs and removed executors', async () => {
    const row = await summarizeShared(`${RAPIDS}/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd`);
    const failedTasks = readCsvExpectation(`${PROFILING}/tasks_failure_eventlog_expectation.csv`);
    const [failedJob] = readCsvExpectation(`${PROFILING}/jobs_failure_eventlog_expectation.csv`);
    expect(row).toMatchObject({
      fetch_failures: failedTasks.filter((task) => task.failureReason?.startsWith('FetchFailed')).length,
      executor_lost_failures: failedTasks.filter((task) => task.failureReason?.startsWith('ExecutorLostFailure')).length,
      executors_removed: readCsvExpectation(`${PROFILING}/executors_removed_eventlog_expectation.csv`).length,
      stages_failed: readCsvExpectation(`${PROFILING}/stages_failure_eventlog_expectation.csv`).length,
      jobs_failed: readCsvExpectation(`${PROFILING}/jobs_failure_eventlog_expectation.csv`).length,
      status: 'failed',
    });
    expect(failedJob?.failureReason).toContain(row.failure_reason);
    // The tool lists failed attempts without the 50 Resubmitted ends, which the History Server (and we) count as failed.
    const resubmitted = row.failure_causes.find((cause) => cause.cause === 'Resubmitted')?.count ?? 0;
    expect([resubmitted, (row.tasks_failed ?? 0) - resubmitted]).toEqual([50, failedTasks.length]);
  });

  it.each([
    ['rapids_join_eventlog', 'spark-events-profiling/rapids_join_eventlog.zstd', 'rapids_join_eventlog_stagemetricsagg', 'rapids_join_eventlog_jobmetricsagg'],
    // Re-compressed with a 128 MiB zstd window: read by the WebAssembly decoder.
    ['nds_q88_photon_db_13_3', 'spark-events-qualification/nds_q88_photon_db_13_3.zstd', 'nds_q88_photon_db_13_3_stage_metrics_agg', 'nds_q88_photon_db_13_3_job_metrics_agg'],
  ])('%s: the stage and job aggregates', async (_name, log, stageOracle, jobOracle) => {
    const stages = readCsvExpectation(`${PROFILING}/${stageOracle}_expectation.csv`);
    const jobs = readCsvExpectation(`${PROFILING}/${jobOracle}_expectation.csv`);
    const total = (column: string): number => sum(stages, (stage) => Number(stage[column]));
    const row = await summarizeShared(`${RAPIDS}/${log}`);
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

  it('rapids_join_eventlog: per-stage task durations and shuffle reads (stage aggregates and diagnostics)', async () => {
    const aggregates = readCsvExpectation(`${PROFILING}/rapids_join_eventlog_stagemetricsagg_expectation.csv`);
    const diagnostics = readCsvExpectation(`${PROFILING}/rapids_join_eventlog_stagediagnosticmetrics_expectation.csv`);
    const { stages } = await stageDistributionsOf(`${RAPIDS}/spark-events-profiling/rapids_join_eventlog.zstd`);
    expect(diagnostics).toHaveLength(aggregates.length);
    for (const aggregate of aggregates) {
      const ours = stages.get(`${aggregate.id}.0`);
      const durations = [...(ours?.durationsMs ?? [])];
      expect([durations.length, durations[0], durations.at(-1), sum(durations, (value) => value)])
        .toEqual(['numTasks', 'durationMin', 'durationMax', 'durationSum'].map((column) => Number(aggregate[column])));
    }
    for (const diagnostic of diagnostics) {
      const reads = [...(stages.get(`${diagnostic.stageId}.0`)?.shuffleReadBytes ?? [])];
      const count = reads.length;
      expect([count, reads[0], reads.at(-1), sum(reads, (value) => value)])
        .toEqual(['numTasks', 'shuffleReadBytesMin', 'shuffleReadBytesMax', 'shuffleReadBytesTotal'].map((column) => Number(diagnostic[column])));
      // Its median is the mean of the two middle values, truncated; ours is the History Server's value at ⌊n/2⌋.
      const middle = Math.floor(((reads[(count - 1) >> 1] ?? 0) + (reads[count >> 1] ?? 0)) / 2);
      expect(middle).toBe(Number(diagnostic.shuffleReadBytesMedian));
    }
  });
});

describe.skipIf(!hasSharedEvents)('oracles: spark-rapids-tools qualification', () => {
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
    ['repeated_jobname', 'spark-events-qualification/empty_eventlog'],
    ['repeated_jobname', 'spark-events-qualification/nested_type_eventlog'],
    ['truncated_1_end', 'spark-events-qualification/truncated_eventlog'],
  ];

  it.each(QUALIFICATION)('%s: %s — app duration, attempt and allocated core seconds', async (label, log) => {
    const row = await summarizeShared(`${RAPIDS}/${log}`);
    const app = readCsvExpectation(`${QUALIFICATION_DIR}/${label}/apps_summary.csv`).find((candidate) => candidate['App ID'] === row.app_id);
    expect(row.attempt_id ?? '1').toBe(app?.['Attempt ID']);
    if (app?.['App Duration Estimated'] === 'true') {
      // No ApplicationEnd: the tool estimates an end, we say "unknown" (see ORACLES.md).
      expect(row).toMatchObject({ status: 'incomplete', duration_ms: null });
      return;
    }
    expect(row.duration_ms).toBe(Number(app?.['App Duration']));
    // "Total Core Seconds": Σ executor lifetime × cores, rounded up to whole seconds.
    expect(Math.ceil((row.executor_core_ms_allocated ?? NaN) / 1000)).toBe(Number(app?.['Total Core Seconds']));
  });

  it('complex_dec_eventlog: rapids_duration_and_cpu\'s app duration', async () => {
    const [first] = readCsvExpectation(`${PROFILING}/rapids_duration_and_cpu_expectation.csv`);
    const row = await summarizeShared(`${RAPIDS}/spark-events-qualification/complex_dec_eventlog.zstd`);
    expect(row).toMatchObject({ app_id: first?.['App ID'], duration_ms: Number(first?.['App Duration']) });
  });
});
