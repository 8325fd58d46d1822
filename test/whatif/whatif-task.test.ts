import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../src/diagnose/impact.js';
import { WHATIF_METHOD } from '../../src/whatif/method.js';
import { whatifTask } from '../../src/whatif/whatif-task.js';
import { run } from '../support/runs.js';
import { profiledRun, type Phase } from '../support/stage-profiles.js';

// 10 min of driver work, then 96 one-minute tasks on 12 × 4 = 48 slots (two waves), then 5 min of driver work
const phases: Phase[] = [{ driver_ms: 600_000 }, { tasks: Array(96).fill(60_000) }, { driver_ms: 300_000 }];

describe('whatifTask', () => {
  it('predicts wall time, executor time and cost per run, and their mean', () => {
    const runs = [profiledRun(2, phases, 12), profiledRun(1, phases, 12)];
    const result = whatifTask(runs, { executors: 24, cores: null }, DEFAULT_PRICES);
    expect(result.method).toBe(WHATIF_METHOD);
    expect(result.skipped).toEqual([]);
    const first = result.runs[0];
    // 96 tasks on 96 slots: one wave of 60 s instead of 120 s
    expect(first?.replay.wall_ms_before).toBe(1_020_000);
    expect(first?.replay.wall_ms_after).toBe(960_000);
    // twice the executors for 960/1020 of the time
    expect(first?.replay.executor_ms_after).toBeCloseTo(12 * 1_020_000 * 2 * (960 / 1020), 3);
    expect(first?.after.core_hours).toBeCloseTo(((24 * 960_000) / 3_600_000) * 4, 6);
    // executors of 16g + 1638m default overhead
    expect(first?.before.gb_hours).toBeCloseTo(((12 * 1_020_000) / 3_600_000) * (16384 + 1638) / 1024, 6);
    expect(result.overall?.runs).toBe(2);
    expect(result.overall?.after.cost_usd).toBeGreaterThan(result.overall?.before.cost_usd ?? Infinity);
  });

  it('prices fewer cores per executor as fewer slots', () => {
    const result = whatifTask([profiledRun(1, phases, 12)], { executors: 12, cores: 2 }, DEFAULT_PRICES);
    expect(result.runs[0]?.replay.slots_after).toBe(24);
    expect(result.runs[0]?.replay.wall_ms_after).toBeGreaterThan(1_020_000);
  });

  it('says why it skips a run: failed, local mode, no stage profile', () => {
    const result = whatifTask(
      [profiledRun(3, phases, 12, 4, { status: 'failed' }), profiledRun(2, phases, 12, 4, { master: 'local[4]' }), run(1, null)],
      { executors: 6, cores: null },
      DEFAULT_PRICES,
    );
    expect(result.overall).toBeNull();
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^failed/), expect.stringMatching(/^local mode/), 'no stage profile in its summary row',
    ]);
  });
});
