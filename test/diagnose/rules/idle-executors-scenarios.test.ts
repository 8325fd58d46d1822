import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseAll } from '../../../src/diagnose/diagnose-task.js';
import { DEFAULT_PRICES } from '../../../src/diagnose/impact.js';
import type { TaskDiagnosis } from '../../../src/diagnose/types.js';
import { generateScenario } from '../../../src/generator/scenarios.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { WHATIF_METHOD } from '../../../src/whatif/method.js';
import { whatifTask } from '../../../src/whatif/whatif-task.js';

const NOW = new Date('2026-11-21T09:30:00Z');
let dir = '';
const histories = new Map<string, { rows: ApplicationSummary[]; diagnosis: TaskDiagnosis | undefined }>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-idle-'));
  for (const name of ['idle-executors', 'bursty-executors']) {
    const files = await generateScenario(name, { outDir: path.join(dir, name), now: NOW });
    const { summaries } = await summarizeEventLogs(files);
    const [diagnosis] = diagnoseAll(summaries, { until: NOW.getTime(), lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' });
    histories.set(name, { rows: summaries, diagnosis });
  }
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The largest predicted slowdown over the runs at `executors`. */
function slowdown(rows: ApplicationSummary[], executors: number): number {
  const { runs } = whatifTask(rows, { executors, cores: null }, DEFAULT_PRICES);
  return Math.max(...runs.map((r) => r.replay.wall_ms_after / r.replay.wall_ms_before - 1));
}

describe('idle-executors on generated histories (evidence for issue 15)', () => {
  it('idle job (16 × 4 slots for stages of 16 tasks): cuts exactly to the slowdown limit, with the predicted runtime', () => {
    const { rows, diagnosis } = histories.get('idle-executors') ?? { rows: [] };
    const rec = diagnosis?.recommendations.find((r) => r.key === 'spark.executor.instances');
    const proposed = Number(rec?.proposed);
    expect(proposed).toBe(4);
    expect(slowdown(rows, proposed)).toBeLessThanOrEqual(0.1);
    expect(slowdown(rows, proposed - 1)).toBeGreaterThan(0.1);
    expect(diagnosis?.impact?.runtime_method).toBe(WHATIF_METHOD);
    expect(diagnosis?.impact?.cost_after_usd).toBeLessThan((diagnosis?.impact?.cost_before_usd ?? 0) * 0.5);
  });

  it('bursty job (a main stage fills all 48 slots between driver-only phases): never cuts instances, proposes dynamic allocation', () => {
    const { rows, diagnosis } = histories.get('bursty-executors') ?? { rows: [] };
    expect(rows.every((row) => (row.slot_utilization ?? 1) < 0.5)).toBe(true);
    expect(diagnosis?.recommendations.map((r) => r.key)).not.toContain('spark.executor.instances');
    expect(Object.fromEntries(diagnosis?.recommendations.map((r) => [r.key, r.proposed]) ?? [])).toMatchObject({
      'spark.dynamicAllocation.enabled': 'true',
      'spark.dynamicAllocation.shuffleTracking.enabled': 'true',
      'spark.dynamicAllocation.maxExecutors': '12',
    });
    // half the executors, as the old rule proposed, would make the runs much longer
    expect(slowdown(rows, 6)).toBeGreaterThan(0.25);
    expect(diagnosis?.impact?.runtime_ms_after).toBe(diagnosis?.impact?.runtime_ms_before);
    expect(diagnosis?.impact?.cost_after_usd).toBeLessThan(diagnosis?.impact?.cost_before_usd ?? 0);
  });
});
