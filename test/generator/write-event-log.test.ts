import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EventLogSpec } from '../../src/generator/spec.js';
import { writeEventLog } from '../../src/generator/write-event-log.js';
import { SummaryBuilder } from '../../src/metrics/eventlog/summary-builder.js';

const MIB = 1024 * 1024;

const spec: EventLogSpec = {
  appId: 'application_1790000000000_0042',
  appName: 'sales.load',
  attemptId: '1',
  user: 'hadoop',
  sparkVersion: '3.5.1',
  startTime: 1_790_000_000_000,
  executors: 3,
  executorCores: 2,
  executorMemory: '8g',
  driverMemory: '2g',
  driverCores: 1,
  properties: { 'spark.airflow.dag_id': 'sales', 'spark.airflow.task_id': 'load' },
  jobs: [
    {
      description: 'save at NativeMethodAccessorImpl.java:0',
      stages: [
        { name: 'scan', tasks: 13, taskMs: { min: 1000, max: 2000 }, inputBytesPerTask: 4 * MIB, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: MIB, outputBytesPerTask: 0, heapFactor: 0.5 },
        { name: 'agg', tasks: 7, taskMs: { min: 500, max: 900 }, inputBytesPerTask: 0, shuffleReadBytesPerTask: 2 * MIB, shuffleWriteBytesPerTask: 0, outputBytesPerTask: MIB, heapFactor: 1 },
      ],
    },
    { description: 'count', stages: [{ name: 'count', tasks: 4, taskMs: { min: 100, max: 200 }, inputBytesPerTask: MIB, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 0, heapFactor: 0.3 }] },
  ],
  executorPeakHeapFraction: { min: 0.5, max: 0.6 },
  driverPeakHeapFraction: { min: 0.2, max: 0.3 },
  gcFraction: { min: 0.01, max: 0.02 },
  seed: 9,
};

/** A sink that keeps what it receives and, when `slow`, accepts little and drains later. */
class Collector extends Writable {
  readonly chunks: Buffer[] = [];

  constructor(private readonly slow: boolean) {
    super({ highWaterMark: slow ? 1024 : 16 * MIB });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (this.slow) setTimeout(done, 1);
    else done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function write(target: EventLogSpec, slow = false): Promise<{ text: string; events: Record<string, unknown>[]; stats: Awaited<ReturnType<typeof writeEventLog>> }> {
  const sink = new Collector(slow);
  const stats = await writeEventLog(target, sink);
  const text = sink.text();
  return { text, stats, events: text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('writeEventLog', () => {
  it('writes a Spark 3.5 YARN application in Spark\'s order', async () => {
    const { events, stats } = await write(spec);
    const names = events.map((event) => event.Event);
    expect(names.slice(0, 7)).toEqual([
      'SparkListenerLogStart', 'SparkListenerResourceProfileAdded', 'SparkListenerBlockManagerAdded', 'SparkListenerEnvironmentUpdate',
      'SparkListenerApplicationStart', 'SparkListenerExecutorAdded', 'SparkListenerBlockManagerAdded',
    ]);
    expect(names.at(-1)).toBe('SparkListenerApplicationEnd');
    expect(names.filter((name) => name === 'SparkListenerExecutorRemoved')).toHaveLength(3);
    expect(stats).toMatchObject({ jobs: 2, stages: 3, tasks: 24, executors: 3 });
    expect(stats.bytes).toBe(Buffer.byteLength(events.map((event) => `${JSON.stringify(event)}\n`).join('')));
    const started = new Set<number>();
    const ended = new Set<number>();
    for (const event of events) {
      const info = event['Task Info'] as { 'Task ID': number } | undefined;
      if (event.Event === 'SparkListenerTaskStart' && info) started.add(info['Task ID']);
      if (event.Event === 'SparkListenerTaskEnd' && info) {
        expect(started.has(info['Task ID'])).toBe(true);
        ended.add(info['Task ID']);
      }
    }
    expect(ended.size).toBe(24);
    let last = 0;
    for (const event of events) {
      const time = (event.Timestamp ?? event['Submission Time'] ?? event['Completion Time']) as number | undefined;
      if (event.Event === 'SparkListenerBlockManagerAdded' || time === undefined) continue;
      expect(time).toBeGreaterThanOrEqual(last);
      last = time;
    }
  });

  it('is summarized back to its spec', async () => {
    const { events, stats } = await write(spec);
    const builder = new SummaryBuilder();
    for (const event of events) builder.add(event);
    const row = builder.finish();
    expect(row).toMatchObject({
      app_id: spec.appId, attempt_id: '1', status: 'succeeded', master: 'yarn', spark_version: '3.5.1',
      dag_id: 'sales', task_id: 'load', executor_memory_mb: 8192, executor_cores: 2, executor_instances: 3, driver_memory_mb: 2048,
      jobs_total: 2, jobs_failed: 0, stages_total: 3, tasks_total: 24, tasks_failed: 0, executors_added: 3, executors_removed: 3,
      start_time: spec.startTime, end_time: stats.endTime, metrics_quality: [],
    });
    const ratio = (row.executor_peak_jvm_heap_bytes ?? 0) / (8192 * MIB);
    expect(ratio).toBeGreaterThanOrEqual(0.5);
    expect(ratio).toBeLessThan(0.6);
    expect(row.spark_conf['spark.hadoop.fs.s3a.secret.key']).toBe('*********(redacted)');
  });

  it('waits for a slow stream and writes the same bytes', async () => {
    const fast = await write(spec);
    const slow = await write(spec, true);
    expect(slow.text).toBe(fast.text);
  });

  it('repeats the jobs until the target size, with unique task ids', async () => {
    const target = 400_000;
    const { events, stats, text } = await write({ ...spec, targetBytes: target });
    expect(stats.bytes).toBeGreaterThanOrEqual(target);
    expect(Buffer.byteLength(text)).toBe(stats.bytes);
    expect(stats.jobs % 2).toBe(0);
    expect(stats.jobs).toBeGreaterThan(2);
    const taskIds = events.filter((event) => event.Event === 'SparkListenerTaskEnd').map((event) => (event['Task Info'] as { 'Task ID': number })['Task ID']);
    expect(new Set(taskIds).size).toBe(stats.tasks);
    const stageIds = events.filter((event) => event.Event === 'SparkListenerStageCompleted').map((event) => (event['Stage Info'] as { 'Stage ID': number })['Stage ID']);
    expect(stageIds).toEqual(Array.from({ length: stats.stages }, (_, i) => i));
  });
});

describe('writeEventLog failures', () => {
  it('reports a stream error instead of crashing, and refuses an application without executors', async () => {
    const broken = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    await expect(writeEventLog(spec, broken)).rejects.toThrow('disk full');
    await expect(writeEventLog({ ...spec, executors: 0 }, new Collector(false))).rejects.toThrow('at least one executor');
  });
});
