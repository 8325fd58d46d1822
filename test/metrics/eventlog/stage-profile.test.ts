import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EventLogSpec } from '../../../src/generator/spec.js';
import { writeEventLog } from '../../../src/generator/write-event-log.js';
import type { JsonObject } from '../../../src/metrics/eventlog/json-fields.js';
import { LongestIntervals } from '../../../src/metrics/eventlog/longest-intervals.js';
import { buildStageProfile, newStageTimes, STAGE_PROFILE_LIMIT, type StageTimes } from '../../../src/metrics/eventlog/stage-profile-build.js';
import { SummaryBuilder } from '../../../src/metrics/eventlog/summary-builder.js';
import { taskSpread } from '../../../src/metrics/eventlog/task-spread.js';
import { ev } from './support/events.js';

const attempt = (event: JsonObject, stageAttempt: number): JsonObject => ({ ...event, 'Stage Attempt ID': stageAttempt });

/** One task attempt: its start and end, with bytes read and written. */
function task(taskId: number, stageId: number, launch: number, finish: number, options: { reason?: JsonObject; stageAttempt?: number; input?: number; shuffleWrite?: number } = {}): JsonObject[] {
  const stageAttempt = options.stageAttempt ?? 0;
  return [
    attempt(ev.taskStart(taskId, stageId, '1', launch), stageAttempt),
    attempt(ev.taskEnd({
      taskId, stageId, executor: '1', launch, finish, ...(options.reason ? { reason: options.reason } : {}),
      metrics: {
        'Executor Run Time': finish - launch,
        'Input Metrics': { 'Bytes Read': options.input ?? 0 },
        'Shuffle Read Metrics': { 'Remote Bytes Read': 7, 'Local Bytes Read': 3 },
        'Shuffle Write Metrics': { 'Shuffle Bytes Written': options.shuffleWrite ?? 0 },
      },
    }), stageAttempt),
  ];
}

/**
 * App 1000–9000. Stage 0 (2000–3200) runs four tasks, three at once around 2200; stage 1 (2500–3600) overlaps it.
 * No task runs 3550–5000 (a driver-only gap). Stage 2 attempt 0 fails on a fetch failure, attempt 1 reruns it.
 */
const [start0, end0] = task(0, 0, 2100, 3100, { input: 100 });
const [start1, end1] = task(1, 0, 2100, 2600, { input: 50 });
const [start3, end3] = task(3, 0, 2200, 2300, { reason: { Reason: 'ExceptionFailure', 'Class Name': 'java.io.IOException' } });
const [start2, end2] = task(2, 0, 2600, 3000, { input: 25 });
const [start4, end4] = task(4, 1, 2550, 3550, { shuffleWrite: 40 });
const app: JsonObject[] = [
  ev.appStart(1000),
  ev.stageSubmitted(0),
  start0, start1, start3, end3,
  ev.stageSubmitted(1),
  start4, end1, start2, end2, end0,
  ev.stageCompleted(0, 0, 2000, 3200),
  end4,
  ev.stageCompleted(1, 0, 2500, 3600),
  ev.stageSubmitted(2),
  ...task(5, 2, 5000, 5200, { reason: { Reason: 'FetchFailed' } }),
  ev.stageCompleted(2, 0, 4900, 5300, 'FetchFailed'),
  attempt(ev.stageSubmitted(2, 1), 1),
  ...task(6, 2, 5400, 6400, { stageAttempt: 1 }),
  ev.taskEnd({ taskId: 0, stageId: 0, executor: '1', launch: 2100, finish: 3100, reason: { Reason: 'Resubmitted' } }),
  ev.stageCompleted(2, 1, 5350, 6500),
  ev.appEnd(9000),
].filter((event): event is JsonObject => event !== undefined);

describe('the stage profile of a summary', () => {
  it('holds every stage attempt with its times, task spread, concurrency and bytes, and the driver-only gaps', () => {
    const row = new SummaryBuilder();
    for (const event of app) row.add(event);
    const summary = row.finish();
    const bytes = { input_bytes: 0, shuffle_read_bytes: 10, shuffle_write_bytes: 0 };
    expect(summary.stage_profile).toEqual({
      version: 1,
      stages: [
        // durations 100, 400, 500, 1000: p50 at index 2, p95 at index 3; tasks 0, 1 and 3 overlap at 2200-2300
        { stage_id: 0, attempt_id: 0, submit_ms: 1000, complete_ms: 2200, tasks: 4, task_ms_sum: 2000, task_ms_p50: 500, task_ms_p95: 1000,
          task_ms_max: 1000, max_running: 3, ...bytes, input_bytes: 175, shuffle_read_bytes: 40 },
        { stage_id: 1, attempt_id: 0, submit_ms: 1500, complete_ms: 2600, tasks: 1, task_ms_sum: 1000, task_ms_p50: 1000, task_ms_p95: 1000,
          task_ms_max: 1000, max_running: 1, ...bytes, shuffle_write_bytes: 40 },
        { stage_id: 2, attempt_id: 0, submit_ms: 3900, complete_ms: 4300, tasks: 1, task_ms_sum: 200, task_ms_p50: 200, task_ms_p95: 200,
          task_ms_max: 200, max_running: 1, ...bytes },
        { stage_id: 2, attempt_id: 1, submit_ms: 4350, complete_ms: 5500, tasks: 1, task_ms_sum: 1000, task_ms_p50: 1000, task_ms_p95: 1000,
          task_ms_max: 1000, max_running: 1, ...bytes },
      ],
      driver_only: [[0, 1100], [2550, 4000], [4200, 4400], [5400, 8000]],
      omitted_stages: 0,
      omitted_task_ms: 0,
    });
    expect(summary.driver_only_time_ms).toBe(1100 + 1450 + 200 + 2600);
  });

  it('is null without a start time or without a task that has both times, and in an empty summary', () => {
    const noStart = new SummaryBuilder();
    for (const event of app.slice(1)) noStart.add(event);
    expect(noStart.finish().stage_profile).toBeNull();
    const noTasks = new SummaryBuilder();
    for (const event of [ev.appStart(0), ev.stageSubmitted(0), ev.stageCompleted(0, 0, 1, 2), ev.appEnd(5)]) noTasks.add(event);
    expect(noTasks.finish().stage_profile).toBeNull();
  });

  it('keeps the stages of an incomplete log, placed from their tasks, without the gap after the last task', () => {
    const builder = new SummaryBuilder();
    for (const event of [ev.appStart(1000), ...task(0, 0, 1500, 2500), ...task(1, 1, 3000, 3500).slice(0, 1)]) builder.add(event);
    const profile = builder.finish().stage_profile;
    expect(profile?.stages).toEqual([expect.objectContaining({ stage_id: 0, submit_ms: 500, complete_ms: 1500, tasks: 1, max_running: 1 })]);
    expect(profile?.driver_only).toEqual([[0, 500], [1500, 2000]]);
    expect(profile?.omitted_stages).toBe(1);
  });
});

describe('buildStageProfile', () => {
  const stage = (stageId: number, sumMs: number, submitted: number): StageTimes => ({
    ...newStageTimes(stageId, 0), submitted, completed: submitted + 10, tasks: 1, measured: 1, sumMs, maxMs: sumMs, firstLaunch: submitted, lastFinish: submitted + sumMs,
  });

  it(`keeps the ${STAGE_PROFILE_LIMIT} stage attempts with the most task time, in submission order, and counts the rest`, () => {
    const stages = Array.from({ length: STAGE_PROFILE_LIMIT + 5 }, (_, i) => stage(i, 1000 + (i % 10), 100_000 - i * 10));
    const profile = buildStageProfile([...stages, newStageTimes(999, 0)], 0, 200_000, []);
    expect(profile?.stages).toHaveLength(STAGE_PROFILE_LIMIT);
    // Omitted: the five with the least task time (1000 ms, the highest stage ids first), and the attempt without tasks.
    expect(profile?.omitted_stages).toBe(6);
    expect(profile?.omitted_task_ms).toBe(5 * 1000);
    const kept = new Set(profile?.stages.map((s) => s.stage_id));
    expect([60, 70, 80, 90, 100].filter((id) => kept.has(id))).toEqual([]);
    expect(kept.has(50)).toBe(true);
    const submits = profile?.stages.map((s) => s.submit_ms) ?? [];
    expect(submits).toEqual([...submits].sort((a, b) => a - b));
  });

  it('clips times to the application and never completes a stage before its submission', () => {
    const late = { ...stage(1, 500, 9_000), completed: 12_000 };
    const early = { ...stage(2, 400, 500), completed: 400 };
    const profile = buildStageProfile([late, early], 1000, 10_000, [[500, 2000], [9500, 9800], [11_000, 12_000]]);
    expect(profile?.stages.map((s) => [s.stage_id, s.submit_ms, s.complete_ms])).toEqual([[2, 0, 0], [1, 8000, 9000]]);
    expect(profile?.driver_only).toEqual([[0, 1000], [8500, 8800]]);
  });
});

describe('taskSpread', () => {
  const spread = (spans: [number, number][]): ReturnType<typeof taskSpread> =>
    taskSpread(0, 0, Float64Array.from(spans.map(([launch]) => launch)), Float64Array.from(spans.map(([, finish]) => finish)));

  it('counts the most tasks running at once; a task ending when another starts does not overlap it', () => {
    expect(spread([[0, 10], [10, 20], [20, 30]]).maxRunning).toBe(1);
    expect(spread([[0, 10], [5, 20], [9, 30], [10, 11]]).maxRunning).toBe(3);
    expect(spread([[5, 5], [5, 5]]).maxRunning).toBe(1);
  });

  it('takes duration quantiles by the History Server rule', () => {
    expect(spread([[0, 30], [0, 10], [0, 20], [0, 40], [0, 50]])).toMatchObject({ p50Ms: 30, p95Ms: 50 });
  });
});

describe('LongestIntervals', () => {
  it('keeps the longest, earlier first among equals, in bounded memory, whatever the arrival order', () => {
    const keeper = new LongestIntervals(3);
    const intervals: [number, number][] = [[0, 5], [10, 12], [20, 25], [30, 31], [40, 45], [50, 60], [70, 72]];
    for (const [from, to] of intervals.reverse()) keeper.add(from, to);
    expect(keeper.result()).toEqual([[0, 5], [20, 25], [50, 60]]);
    expect(keeper.result([[100, 200]])).toEqual([[0, 5], [50, 60], [100, 200]]);
  });
});

describe('the stage profile of a generated event log', () => {
  const MIB = 1024 * 1024;
  const io = { inputBytesPerTask: 0, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 0, heapFactor: 0.5 };
  const spec: EventLogSpec = {
    appId: 'application_1790000000000_0015', appName: 'sales.load', attemptId: '1', user: 'hadoop', sparkVersion: '3.5.1',
    startTime: 1_790_000_000_000, executors: 3, executorCores: 2, executorMemory: '8g', driverMemory: '2g', driverCores: 1, properties: {},
    jobs: [
      { description: 'save', stages: [
        { ...io, name: 'scan', tasks: 13, taskMs: { min: 1000, max: 2000 }, inputBytesPerTask: 4 * MIB, shuffleWriteBytesPerTask: MIB },
        { ...io, name: 'agg', tasks: 4, taskMs: { min: 500, max: 900 }, shuffleReadBytesPerTask: 2 * MIB, failures: { kind: 'fetch-failed', tasks: 1 } },
      ] },
    ],
    executorPeakHeapFraction: { min: 0.5, max: 0.6 }, driverPeakHeapFraction: { min: 0.2, max: 0.3 }, gcFraction: { min: 0.01, max: 0.02 }, seed: 15,
  };

  it('matches the tasks the generator scheduled: counts, task time, slots in use, bytes, and the retried attempt', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await writeEventLog(spec, sink);
    const events = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as JsonObject);
    const builder = new SummaryBuilder();
    for (const event of events) builder.add(event);
    const row = builder.finish();
    const ends = events.filter((event) => event.Event === 'SparkListenerTaskEnd');
    const taskMs = (stageId: number, attemptId: number): number[] => ends
      .filter((event) => event['Stage ID'] === stageId && (event['Stage Attempt ID'] ?? 0) === attemptId)
      .map((event) => event['Task Info'] as { 'Launch Time': number; 'Finish Time': number })
      .map((info) => info['Finish Time'] - info['Launch Time']);
    const metric = (stageId: number, block: string, key: string): number => ends
      .filter((event) => event['Stage ID'] === stageId)
      .reduce((sum, event) => sum + (((event['Task Metrics'] as Record<string, Record<string, number>>)[block] ?? {})[key] ?? 0), 0);
    const profile = row.stage_profile;
    expect(profile?.stages.map((s) => [s.stage_id, s.attempt_id, s.tasks])).toEqual([
      [0, 0, 13], [1, 0, taskMs(1, 0).length], [1, 1, taskMs(1, 1).length],
    ]);
    const [scan, agg] = profile?.stages ?? [];
    // 13 tasks of at least 1 s on 3 executors × 2 cores: every slot busy at once, never more.
    expect(scan).toMatchObject({
      max_running: 6, task_ms_sum: taskMs(0, 0).reduce((a, b) => a + b, 0), task_ms_max: Math.max(...taskMs(0, 0)),
      input_bytes: metric(0, 'Input Metrics', 'Bytes Read'), shuffle_write_bytes: metric(0, 'Shuffle Write Metrics', 'Shuffle Bytes Written'),
      shuffle_read_bytes: 0,
    });
    expect(scan?.input_bytes).toBeGreaterThan(13 * 3 * MIB);
    expect(agg?.max_running).toBe(taskMs(1, 0).length);
    expect(profile?.omitted_stages).toBe(0);
    expect(profile?.stages.every((s) => s.submit_ms <= s.complete_ms && s.complete_ms <= (row.duration_ms ?? 0))).toBe(true);
    const gapMs = (profile?.driver_only ?? []).reduce((sum, [from, to]) => sum + to - from, 0);
    expect(gapMs).toBe(row.driver_only_time_ms);
  });
});
