import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseAll } from '../../../src/diagnose/diagnose-task.js';
import type { EventLogSpec, StageSpec } from '../../../src/generator/spec.js';
import { writeEventLog } from '../../../src/generator/write-event-log.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1, 2);

const stage = (name: string, tasks: number, taskMs: { min: number; max: number }, skew?: StageSpec['skew']): StageSpec => ({
  name, tasks, taskMs, inputBytesPerTask: 1 << 20, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 0, heapFactor: 0.5,
  ...(skew ? { skew } : {}),
});

/** A daily run of `sales.load` whose stages are those given. */
const spec = (day: number, stages: StageSpec[]): EventLogSpec => ({
  appId: `application_1790000000000_${String(day).padStart(4, '0')}`, appName: 'sales.load', attemptId: '1', user: 'hadoop', sparkVersion: '3.5.1',
  startTime: START + day * DAY, executors: 2, executorCores: 2, executorMemory: '4g', driverMemory: '2g', driverCores: 1,
  properties: { 'spark.airflow.dag_id': 'sales', 'spark.airflow.task_id': 'load', 'spark.sql.adaptive.enabled': 'false' },
  jobs: [{ description: 'save at NativeMethodAccessorImpl.java:0', stages }],
  executorPeakHeapFraction: { min: 0.5, max: 0.6 }, driverPeakHeapFraction: { min: 0.2, max: 0.3 }, gcFraction: { min: 0.01, max: 0.02 }, seed: day,
});

let dir = '';

async function summarize(specs: EventLogSpec[]): Promise<ApplicationSummary[]> {
  const files: string[] = [];
  for (const log of specs) {
    const file = path.join(dir, `${log.appId}-${files.length}`);
    const out = createWriteStream(file);
    await writeEventLog(log, out);
    out.end();
    await finished(out);
    files.push(file);
  }
  const { summaries, problems } = await summarizeEventLogs(files);
  expect(problems).toEqual([]);
  return summaries;
}

const diagnose = (rows: ApplicationSummary[], rules = {}) =>
  diagnoseAll(rows, { until: START + 10 * DAY, lookback_days: 30, min_runs: 3, metric_source: 'eventlogs', rules })[0];

describe('task skew of generated logs whose tasks are all short', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'task-skew-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the measured ratio, and the task-skew rule (its noise floors) does not fire', async () => {
    // 40 tasks of 20–30 ms; the first runs 12× longer (240–360 ms): skewed as measured, but well under a second.
    const rows = await summarize([1, 2, 3].map((day) => spec(day, [stage('scan', 40, { min: 20, max: 30 }, { tasks: 1, factor: 12 })])));
    for (const row of rows) {
      expect(row.skew_stage_id).toBe(0);
      expect(row.max_task_skew_ratio).toBeGreaterThan(8);
      expect(row.skew_stage_task_max_ms).toBeLessThan(1000);
      expect(row.max_task_skew_ratio).toBeCloseTo((row.skew_stage_task_max_ms ?? 0) / (row.task_duration_p50_ms ?? 1), 9);
      expect(row.metrics_quality).not.toContainEqual(expect.stringMatching(/task skew not measured/));
    }
    expect(diagnose(rows)?.findings.map((f) => f.rule_id)).not.toContain('task-skew');
    // Only the rule's floors (and its 150 s bar) keep it quiet: lowered in the repository settings, it fires on the same rows.
    const noFloors = { 'task-skew': { median_floor_ms: 0, min_stage_max_task_ms: 0, min_max_task_ms: 0, min_share_of_stage: 0 } };
    expect(diagnose(rows, noFloors)?.findings.map((f) => f.rule_id)).toContain('task-skew');
  });

  it('leaves the columns null when no stage has 10 successful tasks (not measurable)', async () => {
    const rows = await summarize([4, 5, 6].map((day) => spec(day, [stage('scan', 9, { min: 20, max: 30 }, { tasks: 1, factor: 12 }), stage('write', 3, { min: 1000, max: 2000 })])));
    for (const row of rows) {
      expect(row).toMatchObject({ max_task_skew_ratio: null, skew_stage_id: null, skew_stage_task_max_ms: null });
      expect(row.metrics_quality).toContain('task skew not measured: no stage had 10 or more successful tasks');
    }
  });
});
