import { HOST_PROPERTY_KEYS } from '../../../src/metrics/eventlog/cluster-id.js';
import { eventNameOf, SUMMARY_EVENTS } from '../../../src/metrics/eventlog/event-name.js';
import type { EventLogInput } from '../../../src/metrics/eventlog/find-event-logs.js';
import { isObject, numberField, objectField, stringField, type JsonObject } from '../../../src/metrics/eventlog/json-fields.js';
import { readEventLogLines } from '../../../src/metrics/eventlog/read-lines.js';

/** One row of sql/raw_events_table.sql (times as epoch ms; event_time as `YYYY-MM-DD HH:MM:SS.mmm` UTC text). */
export type RawEventRow = Record<string, string | number | boolean | Record<string, string> | null>;

/**
 * What a streaming listener would have written for one event log: one raw-event row per event the summary reads,
 * every row stamped with the app and attempt ids of the log's first SparkListenerApplicationStart (as a listener
 * knows them from the SparkContext), `seq` in log order. Null when the log has no ApplicationStart (the summarizer
 * refuses such logs too). Unparsable lines are skipped, as the summarizer skips them.
 */
export async function rawEventRows(input: EventLogInput): Promise<RawEventRow[] | null> {
  const rows: RawEventRow[] = [];
  let seq = 0;
  let lastTime: number | null = null;
  let ids: { app_id: string; attempt_id: string | null } | null = null;
  await readEventLogLines(input.parts, (line) => {
    const name = eventNameOf(line);
    if (name !== null && !SUMMARY_EVENTS.has(name)) return;
    let event: unknown;
    try {
      event = JSON.parse(line.toString('utf8'));
    } catch {
      return;
    }
    if (!isObject(event) || typeof event.Event !== 'string' || !SUMMARY_EVENTS.has(event.Event)) return;
    const row = rowOf(event);
    row.seq = seq;
    seq += 1;
    const own = ownTime(row);
    if (own !== null) lastTime = own;
    row.event_time = lastTime === null ? null : new Date(lastTime).toISOString().replace('T', ' ').replace('Z', '');
    if (ids === null && event.Event === 'SparkListenerApplicationStart') {
      const appId = nonEmpty(stringField(event, 'App ID'));
      if (appId !== null) ids = { app_id: appId, attempt_id: nonEmpty(stringField(event, 'App Attempt ID')) };
    }
    rows.push(row);
  });
  const found = ids as { app_id: string; attempt_id: string | null } | null;
  if (found === null) return null;
  return rows.map((row) => ({ ...row, ...found }));
}

function rowOf(event: JsonObject): RawEventRow {
  const stageInfo = objectField(event, 'Stage Info');
  const taskInfo = objectField(event, 'Task Info');
  const reason = objectField(event, 'Task End Reason');
  const metrics = objectField(event, 'Task Metrics');
  const shuffleRead = objectField(metrics, 'Shuffle Read Metrics');
  const memory = objectField(event, 'Task Executor Metrics') ?? objectField(event, 'Executor Metrics') ?? heartbeatPeaks(event);
  const jobResult = objectField(event, 'Job Result');
  const environment = event.Event === 'SparkListenerEnvironmentUpdate';
  const num = (source: JsonObject | undefined, key: string): number | null => numberField(source, key) ?? null;
  const str = (source: JsonObject | undefined, key: string): string | null => stringField(source, key) ?? null;
  return {
    event_type: event.Event as string,
    timestamp_ms: num(event, 'Timestamp'),
    submission_time_ms: num(event, 'Submission Time') ?? num(stageInfo, 'Submission Time'),
    completion_time_ms: num(event, 'Completion Time') ?? num(stageInfo, 'Completion Time'),
    launch_time_ms: num(taskInfo, 'Launch Time'),
    finish_time_ms: num(taskInfo, 'Finish Time'),
    app_name: str(event, 'App Name'),
    spark_user: str(event, 'User'),
    spark_version: str(event, 'Spark Version'),
    exit_code: num(event, 'ExitCode'),
    spark_properties: environment ? properties(event['Spark Properties'], () => true) : null,
    system_properties: environment ? properties(event['System Properties'], (key) => HOST_PROPERTY_KEYS.has(key)) : null,
    hadoop_properties: environment ? properties(event['Hadoop Properties'], (key) => HOST_PROPERTY_KEYS.has(key)) : null,
    job_id: num(event, 'Job ID'),
    job_result: str(jobResult, 'Result'),
    failure_message: str(objectField(jobResult, 'Exception'), 'Message') ?? str(stageInfo, 'Failure Reason'),
    stage_id: num(event, 'Stage ID') ?? num(stageInfo, 'Stage ID'),
    stage_attempt_id: num(event, 'Stage Attempt ID') ?? num(stageInfo, 'Stage Attempt ID'),
    task_id: num(taskInfo, 'Task ID'),
    task_attempt: num(taskInfo, 'Attempt'),
    executor_id: str(taskInfo, 'Executor ID') ?? str(event, 'Executor ID'),
    task_end_reason: str(reason, 'Reason'),
    task_failed: taskInfo?.Failed === true,
    task_killed: taskInfo?.Killed === true,
    exception_class: str(reason, 'Class Name'),
    exception_description: str(reason, 'Description'),
    exception_stack_trace: str(reason, 'Full Stack Trace'),
    loss_reason: str(reason, 'Loss Reason'),
    executor_run_time_ms: num(metrics, 'Executor Run Time'),
    executor_cpu_time_ns: num(metrics, 'Executor CPU Time'),
    jvm_gc_time_ms: num(metrics, 'JVM GC Time'),
    memory_bytes_spilled: num(metrics, 'Memory Bytes Spilled'),
    disk_bytes_spilled: num(metrics, 'Disk Bytes Spilled'),
    shuffle_remote_bytes_read: num(shuffleRead, 'Remote Bytes Read'),
    shuffle_local_bytes_read: num(shuffleRead, 'Local Bytes Read'),
    shuffle_bytes_written: num(objectField(metrics, 'Shuffle Write Metrics'), 'Shuffle Bytes Written'),
    input_bytes_read: num(objectField(metrics, 'Input Metrics'), 'Bytes Read'),
    output_bytes_written: num(objectField(metrics, 'Output Metrics'), 'Bytes Written'),
    total_cores: num(objectField(event, 'Executor Info'), 'Total Cores'),
    removed_reason: str(event, 'Removed Reason'),
    jvm_heap_memory: num(memory, 'JVMHeapMemory'),
    jvm_offheap_memory: num(memory, 'JVMOffHeapMemory'),
    process_tree_jvm_rss_memory: num(memory, 'ProcessTreeJVMRSSMemory'),
    minor_gc_count: num(memory, 'MinorGCCount'),
    major_gc_count: num(memory, 'MajorGCCount'),
    major_gc_time_ms: num(memory, 'MajorGCTime'),
  };
}

/** An ExecutorMetricsUpdate's peaks over its updates (the listener writes one row per heartbeat with their max). */
function heartbeatPeaks(event: JsonObject): JsonObject | undefined {
  const updates = event['Executor Metrics Updated'];
  if (!Array.isArray(updates) || updates.length === 0) return undefined;
  const peak = (key: string): number => Math.max(0, ...updates.map((update) => numberField(objectField(update, 'Executor Metrics'), key) ?? 0));
  const peaks: JsonObject = { JVMHeapMemory: peak('JVMHeapMemory'), JVMOffHeapMemory: peak('JVMOffHeapMemory'), ProcessTreeJVMRSSMemory: peak('ProcessTreeJVMRSSMemory') };
  // a GC counter no update carried stays absent (null), not 0
  for (const key of ['MinorGCCount', 'MajorGCCount', 'MajorGCTime']) {
    const values = updates.map((update) => numberField(objectField(update, 'Executor Metrics'), key)).filter((value) => value !== undefined);
    if (values.length > 0) peaks[key] = Math.max(...values);
  }
  return peaks;
}

/** The event's own time, if it has one (the partition column falls back to the last time seen). */
function ownTime(row: RawEventRow): number | null {
  for (const key of ['timestamp_ms', 'completion_time_ms', 'finish_time_ms', 'launch_time_ms', 'submission_time_ms']) {
    const value = row[key];
    if (typeof value === 'number' && value > 0) return value;
  }
  return null;
}

/** An EnvironmentUpdate section (an object, or [key, value] pairs in old logs) as a map; null when absent. */
function properties(raw: unknown, keep: (key: string) => boolean): Record<string, string> | null {
  const into: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const pair of raw) {
      if (Array.isArray(pair) && typeof pair[0] === 'string' && pair[1] !== undefined && keep(pair[0])) into[pair[0]] = String(pair[1]);
    }
    return into;
  }
  if (!isObject(raw)) return null;
  for (const [key, value] of Object.entries(raw)) if (keep(key)) into[key] = String(value);
  return into;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
