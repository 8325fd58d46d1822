import { describe, expect, it } from 'vitest';
import { SummaryBuilder } from '../../../src/metrics/eventlog/summary-builder.js';
import type { JsonObject } from '../../../src/metrics/eventlog/json-fields.js';
import { ev } from './support/events.js';

function build(events: JsonObject[], builder = new SummaryBuilder()): ReturnType<SummaryBuilder['finish']> {
  for (const event of events) builder.add(event);
  return builder.finish();
}

const metrics = (runMs: number, extra: JsonObject = {}): JsonObject => ({ 'Executor Run Time': runMs, ...extra });
const SKEW_NOT_MEASURED = 'task skew not measured: no stage had 10 or more successful tasks';
const heap = (jvm: number, offHeap = 0, rss = 0): JsonObject => ({ JVMHeapMemory: jvm, JVMOffHeapMemory: offHeap, ProcessTreeJVMRSSMemory: rss });

/** A YARN application with a killed task, a failed stage attempt and its retry, a resubmitted task and a failed last job. */
const yarnApp: JsonObject[] = [
  ev.logStart('3.5.1'),
  ev.env({
    'spark.master': 'yarn', 'spark.executor.memory': '4g', 'spark.executor.cores': '2', 'spark.hadoop.db.password': 'hunter2',
    'spark.airflow.dag_id': 'daily_sales', 'spark.airflow.task_id': 'load_orders', 'spark.airflow.run_id': 'scheduled__x', 'spark.airflow.try_number': '2',
  }),
  ev.appStart(1000, '1'),
  ev.executorAdded('1', 2000, 2),
  ev.executorAdded('2', 2000, 2),
  ev.jobStart(0, 3000, [0, 1, 2]),
  ev.stageSubmitted(0),
  ev.taskStart(0, 0, '1', 3100),
  ev.taskStart(1, 0, '2', 3100),
  ev.taskEnd({
    taskId: 1, stageId: 0, executor: '2', launch: 3100, finish: 3500, reason: { Reason: 'TaskKilled', 'Kill Reason': 'another attempt succeeded' },
    metrics: metrics(400),
  }),
  ev.taskEnd({
    taskId: 0, stageId: 0, executor: '1', launch: 3100, finish: 4000,
    metrics: metrics(900, {
      'Executor CPU Time': 500_000_000, 'JVM GC Time': 100, 'Memory Bytes Spilled': 10, 'Disk Bytes Spilled': 5,
      'Shuffle Read Metrics': { 'Remote Bytes Read': 100, 'Local Bytes Read': 50 }, 'Shuffle Write Metrics': { 'Shuffle Bytes Written': 30 },
      'Input Metrics': { 'Bytes Read': 1000 }, 'Output Metrics': { 'Bytes Written': 7 },
    }),
    executorMetrics: heap(1000, 200),
  }),
  ev.stageCompleted(0, 0, 3050, 4100),
  ev.stageSubmitted(1),
  ev.taskStart(2, 1, '2', 4200),
  ev.taskEnd({
    taskId: 2, stageId: 1, executor: '2', launch: 4200, finish: 4300, metrics: metrics(80),
    reason: { Reason: 'ExceptionFailure', 'Class Name': 'java.lang.OutOfMemoryError', Description: 'Java heap space' },
  }),
  ev.stageCompleted(1, 0, 4150, 4400, 'Job aborted due to stage failure: Task 2 failed'),
  ev.stageSubmitted(1, 1),
  { ...ev.taskStart(3, 1, '1', 4500), 'Stage Attempt ID': 1 },
  { ...ev.taskEnd({ taskId: 3, stageId: 1, executor: '1', launch: 4500, finish: 5500, attempt: 1, metrics: metrics(950) }), 'Stage Attempt ID': 1 },
  ev.stageCompleted(1, 1, 4450, 5600),
  ev.taskEnd({ taskId: 0, stageId: 0, executor: '1', launch: 3100, finish: 4000, reason: { Reason: 'Resubmitted' } }),
  ev.jobEnd(0, 6000),
  ev.jobStart(1, 6100),
  ev.jobEnd(1, 6500, 'Job aborted due to stage failure: boom\n\tat org.apache.spark.Foo'),
  ev.stageExecutorMetrics('2', 1, heap(3000, 100, 5000)),
  ev.stageExecutorMetrics('driver', 1, heap(700)),
  ev.executorRemoved('1', 7000),
  ev.appEnd(8000),
];

describe('SummaryBuilder', () => {
  it('summarizes an application with the History Server\'s counting rules', () => {
    const row = build(yarnApp);
    expect(row).toMatchObject({
      app_id: 'application_1_0001', attempt_id: '1', app_name: 'etl', user: 'hadoop', spark_version: '3.5.1', master: 'yarn',
      start_time: 1000, end_time: 8000, duration_ms: 7000,
      status: 'failed', failure_reason: 'Job aborted due to stage failure: boom',
      dag_id: 'daily_sales', task_id: 'load_orders', run_id: 'scheduled__x', try_number: 2,
      executor_memory_mb: 4096, executor_cores: 2, executor_instances: null,
      jobs_total: 2, jobs_failed: 1, job_duration_max_ms: 3000,
      stages_total: 3, stages_failed: 1, stage_attempts_retried: 1, stage_duration_max_ms: 1150, stages_with_spill: 1,
      tasks_total: 5, tasks_failed: 2, tasks_killed: 1, task_attempts_retried: 1,
      // Successful attempts only: tasks 0 (900 ms) and 3 (1000 ms); too few per stage for a skew ratio.
      task_duration_p50_ms: 1000, task_duration_p95_ms: 1000, task_duration_max_ms: 1000,
      max_task_skew_ratio: null, skew_stage_id: null, max_shuffle_read_skew_ratio: null,
      fetch_failures: 0, executor_lost_failures: 0, oom_failures: 1,
      executor_run_time_ms: 2330, executor_cpu_time_ms: 500, jvm_gc_time_ms: 100,
      memory_bytes_spilled: 10, disk_bytes_spilled: 5, shuffle_read_bytes: 150, shuffle_write_bytes: 30, input_bytes: 1000, output_bytes: 7,
      executors_added: 2, executors_removed: 1, executors_max_concurrent: 2,
      executor_peak_jvm_heap_bytes: 3000, executor_peak_offheap_bytes: 200, executor_peak_rss_bytes: 5000, driver_peak_jvm_heap_bytes: 700,
      executor_core_ms_allocated: (7000 - 2000) * 2 + (8000 - 2000) * 2,
      executor_core_ms_used: 2330,
      executor_memory_mb_ms_allocated: (5000 + 6000) * 4096,
      driver_only_time_ms: 2100 + 200 + 200 + 2500,
      metrics_quality: [SKEW_NOT_MEASURED],
    });
    expect(row.failure_causes).toEqual([
      { cause: 'ExceptionFailure: java.lang.OutOfMemoryError', count: 1 },
      { cause: 'Resubmitted', count: 1 },
    ]);
    expect(row.slot_utilization).toBeCloseTo(2330 / 22000, 10);
    expect(row.gc_time_ratio).toBeCloseTo(100 / 2330, 10);
    expect(row.spark_conf['spark.hadoop.db.password']).toBe('*********(redacted)');
    expect(row.spark_conf['spark.executor.memory']).toBe('4g');
  });

  it('measures task durations and skew over successful attempts, stage attempt by stage attempt', () => {
    const events: JsonObject[] = [ev.appStart(0)];
    const task = (taskId: number, stageId: number, ms: number, shuffleRead: number, reason?: JsonObject): JsonObject[] => [
      ev.taskStart(taskId, stageId, '1', 1000),
      ev.taskEnd({
        taskId, stageId, executor: '1', launch: 1000, finish: 1000 + ms, ...(reason ? { reason } : {}),
        metrics: metrics(ms, { 'Shuffle Read Metrics': { 'Remote Bytes Read': shuffleRead, 'Local Bytes Read': 0 } }),
      }),
    ];
    // Stage 0: 19 tasks of 10 s and one of 95 s; a failed 500 s attempt does not count.
    for (let i = 0; i < 19; i += 1) events.push(...task(i, 0, 10_000, 8 << 20));
    events.push(...task(19, 0, 95_000, 80 << 20), ...task(20, 0, 500_000, 0, { Reason: 'ExecutorLostFailure' }), ev.stageCompleted(0, 0, 0, 600_000));
    // Stage 1: 10 tasks of 20 s, one reading 40× the median.
    for (let i = 0; i < 10; i += 1) events.push(...task(100 + i, 1, 20_000, (i === 9 ? 40 : 1) << 20));
    events.push(ev.stageCompleted(1, 0, 0, 30_000), ev.appEnd(700_000));
    const stages: number[] = [];
    const row = build(events, new SummaryBuilder({ onStageDistribution: (stage) => stages.push(stage.stageId) }));
    expect(row).toMatchObject({
      tasks_total: 31, tasks_failed: 1,
      task_duration_p50_ms: 10_000, task_duration_p95_ms: 20_000, task_duration_max_ms: 95_000,
      max_task_skew_ratio: 9.5, skew_stage_id: 0, max_shuffle_read_skew_ratio: 40,
    });
    expect(stages).toEqual([0, 1]);
    expect(row.metrics_quality).not.toContain(SKEW_NOT_MEASURED);
  });

  it('names the cluster and the team, and redacts credentials quoted in failure texts', () => {
    const row = build([
      {
        ...ev.env({ 'spark.master': 'yarn', 'spark.airflow.team': 'payments', 'spark.yarn.queue': 'root.etl' }),
        'System Properties': { EMR_CLUSTER_ID: 'j-2AXXXXXXGAPLF', 'java.version': '17' },
        'Hadoop Properties': { 'yarn.resourcemanager.hostname': 'ip-10-0-0-1.ec2.internal' },
      },
      ev.appStart(0),
      ev.taskEnd({
        taskId: 0, stageId: 0, executor: '1', launch: 1, finish: 2,
        reason: { Reason: 'SomethingNew token=abc' },
      }),
      ev.jobEnd(0, 3, 'Job aborted: java.sql.SQLException: cannot connect to jdbc:postgresql://db/x?user=etl&password=hunter2'),
      ev.appEnd(4),
    ]);
    expect(row).toMatchObject({
      cluster_id: 'j-2AXXXXXXGAPLF', team: 'payments', yarn_queue: 'root.etl', status: 'failed',
      failure_reason: 'Job aborted: java.sql.SQLException: cannot connect to jdbc:postgresql://db/x?user=etl&password=*********(redacted)',
      failure_causes: [{ cause: 'SomethingNew token=*********(redacted)', count: 1 }],
    });
  });

  it('says when there were too many tasks for exact duration quantiles', () => {
    const events: JsonObject[] = [ev.appStart(0)];
    for (let i = 0; i < 20; i += 1) events.push(ev.taskEnd({ taskId: i, stageId: 0, executor: '1', launch: 1, finish: 1 + i * 10_000 }));
    const row = build([...events, ev.appEnd(1)], new SummaryBuilder({ exactDurationLimit: 10 }));
    expect(Math.abs((row.task_duration_p50_ms ?? 0) - 100_000)).toBeLessThanOrEqual(100_000 / 4096);
    expect(row.task_duration_max_ms).toBe(190_000);
    expect(row.metrics_quality).toContain('task duration quantiles are approximate (within 0.025%): 20 successful tasks, more than are kept for exact ones');
  });

  it('leaves an application without ApplicationEnd incomplete and says why', () => {
    const row = build([
      ev.appStart(1000), ev.executorAdded('1', 1500, 4),
      ev.jobStart(0, 2000), ev.taskStart(0, 0, '1', 2100), ev.taskEnd({ taskId: 0, stageId: 0, executor: '1', launch: 2100, finish: 2600 }),
      ev.taskStart(1, 0, '1', 2700),
    ]);
    expect(row).toMatchObject({ status: 'incomplete', end_time: null, duration_ms: null, driver_only_time_ms: null, jobs_total: 1, tasks_total: 1 });
    expect(row.executor_core_ms_allocated).toBe((2700 - 1500) * 4);
    expect(row.metrics_quality).toEqual(expect.arrayContaining([
      expect.stringMatching(/^incomplete log/),
      '1 task started but never ended',
      'executor lifetimes are counted up to the last event of the incomplete log',
    ]));
  });

  it('lets the exit code of Spark 4 decide the status', () => {
    const lastJobFailed = [ev.appStart(1), ev.jobStart(0, 2), ev.jobEnd(0, 3, 'boom')];
    expect(build([...lastJobFailed, ev.appEnd(4, 0)])).toMatchObject({ status: 'succeeded', failure_reason: null });
    expect(build([...lastJobFailed, ev.appEnd(4, 1)])).toMatchObject({
      status: 'failed', failure_reason: 'application exited with code 1; last failed job: boom',
    });
    expect(build([ev.appStart(1), ev.jobEnd(0, 3, 'boom'), ev.jobEnd(1, 4), ev.appEnd(5)]).status).toBe('succeeded');
  });

  it('never counts the driver as an executor, and reports local mode', () => {
    const zero = heap(0);
    const row = build([
      ev.env({ 'spark.master': 'local[4]', 'spark.driver.memory': '2g' }),
      ev.appStart(0), ev.executorAdded('driver', 0, 4),
      ev.taskStart(0, 0, 'driver', 100),
      ev.taskEnd({ taskId: 0, stageId: 0, executor: 'driver', launch: 100, finish: 600, metrics: metrics(450), executorMetrics: zero }),
      ev.appEnd(1000),
    ]);
    expect(row).toMatchObject({
      executors_added: 0, executors_max_concurrent: 0, executor_peak_jvm_heap_bytes: null, driver_peak_jvm_heap_bytes: null,
      executor_core_ms_allocated: 4000, slot_utilization: 450 / 4000, executor_memory_mb_ms_allocated: null, driver_memory_mb: 2048,
    });
    expect(row.metrics_quality).toEqual([
      expect.stringMatching(/^local mode: tasks ran inside the driver/),
      'driver memory metrics are missing or all zero, so the driver peak is unknown',
      SKEW_NOT_MEASURED,
    ]);
  });

  it('treats all-zero executor metrics as not measured, and missing ones as unknown', () => {
    const executorRun = (executorMetrics?: JsonObject): JsonObject[] => [
      ev.appStart(0), ev.executorAdded('1', 0, 1),
      ev.taskEnd({ taskId: 0, stageId: 0, executor: '1', launch: 1, finish: 2, ...(executorMetrics ? { executorMetrics } : {}) }),
      ev.appEnd(10),
    ];
    const zeros = build(executorRun(heap(0)));
    expect(zeros.executor_peak_jvm_heap_bytes).toBeNull();
    expect(zeros.metrics_quality).toContain('executor memory metrics are all zero (not measured), so executor peak memory is unknown');
    const absent = build(executorRun());
    expect(absent.executor_peak_jvm_heap_bytes).toBeNull();
    expect(absent.metrics_quality).toContain('no executor memory metrics in the log (Spark before 3.0 writes none), so peak memory is unknown');
  });

  it('reads the driver heartbeats Spark logs (ExecutorMetricsUpdate) for its peak, as the History Server does', () => {
    const heartbeat = (executor: string, metrics: JsonObject): JsonObject => ({
      Event: 'SparkListenerExecutorMetricsUpdate', 'Executor ID': executor, 'Metrics Updated': [],
      'Executor Metrics Updated': [{ 'Stage ID': -1, 'Stage Attempt ID': -1, 'Executor Metrics': metrics }],
    });
    const row = build([
      ev.appStart(0), ev.executorAdded('1', 0, 1),
      ev.stageExecutorMetrics('driver', 0, heap(9)), heartbeat('driver', heap(40)), heartbeat('driver', heap(25)),
      { Event: 'SparkListenerExecutorMetricsUpdate', 'Executor ID': 'driver', 'Metrics Updated': [] },
      ev.appEnd(10),
    ]);
    expect(row.driver_peak_jvm_heap_bytes).toBe(40);
    expect(row.executor_peak_jvm_heap_bytes).toBeNull();
  });

  it('sums each executor\'s cumulative MajorGCTime (its max), leaving out the driver and counters that never moved', () => {
    const gc = (majorMs: number, minorCount: number, majorCount: number): JsonObject => ({
      ...heap(100), MinorGCCount: minorCount, MinorGCTime: 10 * minorCount, MajorGCCount: majorCount, MajorGCTime: majorMs,
    });
    const row = build([
      ev.appStart(0), ev.executorAdded('1', 0, 1), ev.executorAdded('2', 0, 1), ev.executorAdded('3', 0, 1),
      ev.taskEnd({ taskId: 0, stageId: 0, executor: '1', launch: 1, finish: 2, executorMetrics: gc(300, 4, 1) }),
      ev.stageExecutorMetrics('1', 0, gc(700, 9, 2)),
      ev.stageExecutorMetrics('1', 1, gc(500, 6, 1)),
      ev.stageExecutorMetrics('2', 0, gc(0, 12, 0)),
      ev.stageExecutorMetrics('3', 0, gc(0, 0, 0)),
      ev.stageExecutorMetrics('driver', 0, gc(5000, 40, 9)),
      ev.appEnd(10),
    ]);
    expect(row.executor_major_gc_time_ms).toBe(700);
    const youngOnly = build([ev.appStart(0), ev.executorAdded('1', 0, 1), ev.stageExecutorMetrics('1', 0, gc(0, 30, 0)), ev.appEnd(10)]);
    expect(youngOnly.executor_major_gc_time_ms).toBe(0);
  });

  it.each([
    ['no GC counters (Spark before 3.0)', heap(100)],
    ['all-zero counters (not sampled, or a collector Spark does not classify)', { ...heap(100), MinorGCCount: 0, MinorGCTime: 0, MajorGCCount: 0, MajorGCTime: 0 }],
  ])('has no major GC time with %s', (_why, metrics) => {
    const row = build([
      ev.appStart(0), ev.executorAdded('1', 0, 1), ev.stageExecutorMetrics('1', 0, metrics),
      ev.stageExecutorMetrics('driver', 0, { ...heap(9), MinorGCCount: 3, MajorGCCount: 1, MajorGCTime: 80 }), ev.appEnd(10),
    ]);
    expect(row.executor_major_gc_time_ms).toBeNull();
  });

  it('notes which executors never reported a peak', () => {
    const row = build([
      ev.appStart(0), ev.executorAdded('1', 0, 1), ev.executorAdded('2', 0, 1), ev.executorAdded('3', 0, 1),
      ev.stageExecutorMetrics('1', 0, heap(5)), ev.stageExecutorMetrics('driver', 0, heap(9)), ev.appEnd(10),
    ]);
    expect(row.executor_peak_jvm_heap_bytes).toBe(5);
    expect(row.metrics_quality).toContain('peak heap reported by 1 of 3 executors; the others sent no memory metrics');
  });

  it('classifies failure reasons and counts ends without starts', () => {
    const end = (taskId: number, reason: JsonObject): JsonObject => ev.taskEnd({ taskId, stageId: 0, executor: '1', launch: 1, finish: 2, reason });
    const row = build([
      ev.appStart(0),
      end(0, { Reason: 'TaskCommitDenied' }),
      end(1, { Reason: 'FetchFailed', Message: 'org.apache.spark.shuffle.FetchFailedException' }),
      end(2, { Reason: 'ExecutorLostFailure', 'Loss Reason': 'Container marked as failed. Exit status: 137. Diagnostics: killed' }),
      end(3, { Reason: 'ExecutorLostFailure', 'Loss Reason': 'Executor Process Lost' }),
      ev.jobEnd(7, 3),
      ev.appEnd(4),
    ]);
    expect(row).toMatchObject({
      tasks_total: 4, tasks_killed: 1, tasks_failed: 3, fetch_failures: 1, executor_lost_failures: 2, oom_failures: 1, jobs_total: 1,
    });
    expect(row.failure_causes).toEqual([
      { cause: 'ExecutorLostFailure', count: 1 },
      { cause: 'ExecutorLostFailure (exit code 137)', count: 1 },
      { cause: 'FetchFailed', count: 1 },
    ]);
    expect(row.metrics_quality).toEqual(expect.arrayContaining([
      '4 task ends without a task start (dropped or edited events)',
      '1 job end without a job start (dropped or edited events)',
    ]));
  });

  it('counts unparsable lines and skipped events in its notes', () => {
    const builder = new SummaryBuilder();
    builder.noteUnparsable('SparkListenerEnvironmentUpdate');
    builder.noteUnparsable(null);
    builder.noteSkipped();
    const row = build([ev.appStart(0), ev.appEnd(1)], builder);
    expect(builder.eventCount).toBe(3);
    expect(row.metrics_quality).toEqual(expect.arrayContaining([
      '2 unparsable lines skipped (SparkListenerEnvironmentUpdate ×1, unknown event ×1)',
      'no readable Spark properties in the log, so the configuration columns are unknown',
    ]));
  });

  it('takes the app id from the options when the log has no ApplicationStart', () => {
    const builder = new SummaryBuilder({ fallbackAppId: 'from-file-name' });
    builder.add(ev.logStart());
    expect(builder.identified).toBe(false);
    expect(builder.finish().app_id).toBe('from-file-name');
  });
});
