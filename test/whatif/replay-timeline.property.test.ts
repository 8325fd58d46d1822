import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StageProfile } from '../../src/metrics/stage-profile.js';
import { replay, timelineOf } from '../../src/whatif/replay-timeline.js';
import { stageMakespan } from '../../src/whatif/stage-makespan.js';
import { exactDuration, simulate, type Phase } from '../support/stage-profiles.js';

const tasksArb = fc.array(fc.integer({ min: 1, max: 600_000 }), { minLength: 1, maxLength: 300 });
const phasesArb: fc.Arbitrary<Phase[]> = fc.array(
  fc.oneof(tasksArb.map((tasks) => ({ tasks })), fc.integer({ min: 0, max: 3_600_000 }).map((driver_ms) => ({ driver_ms }))),
  { minLength: 1, maxLength: 8 },
);

/** Overlapping stages: random submit times and lengths, and how many tasks ran at once. */
const overlappingArb = fc.array(
  fc.record({
    submit: fc.integer({ min: 0, max: 100_000 }), length: fc.integer({ min: 1, max: 100_000 }), tasks: fc.integer({ min: 1, max: 500 }),
    mean: fc.integer({ min: 1, max: 50_000 }), running: fc.integer({ min: 1, max: 64 }),
  }),
  { minLength: 1, maxLength: 12 },
).map((specs): StageProfile => ({
  version: 1,
  stages: specs.map((s, i) => ({
    stage_id: i, attempt_id: 0, submit_ms: s.submit, complete_ms: s.submit + s.length, tasks: s.tasks, task_ms_sum: s.tasks * s.mean,
    task_ms_p50: s.mean, task_ms_p95: s.mean * 2, task_ms_max: s.mean * 3, max_running: Math.min(s.running, s.tasks),
    input_bytes: null, shuffle_read_bytes: null, shuffle_write_bytes: null,
  })),
  driver_only: [], omitted_stages: 0, omitted_task_ms: 0,
}));

describe('stage replay (WHATIF_METHOD)', () => {
  it('a stage never gets slower with more slots', () => {
    fc.assert(
      fc.property(tasksArb, fc.double({ min: 0.01, max: 2000, noNaN: true }), fc.double({ min: 0.01, max: 2000, noNaN: true }), (tasks, a, b) => {
        const sim = simulate([{ tasks }], 1).profile.stages[0];
        if (!sim) throw new Error('no stage');
        const [few, many] = a < b ? [a, b] : [b, a];
        expect(stageMakespan(sim, many)).toBeLessThanOrEqual(stageMakespan(sim, few) * (1 + 1e-12));
      }),
    );
  });

  it('predicts a run never slower with more slots, overlapping stages and driver-only time included', () => {
    fc.assert(
      fc.property(fc.oneof(phasesArb.map((p) => simulate(p, 16)), overlappingArb.map((profile) => ({ profile, duration_ms: null }))),
        fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), (sim, a, b) => {
          const timeline = timelineOf(sim.profile, sim.duration_ms, 16);
          const [few, many] = a < b ? [a, b] : [b, a];
          expect(replay(timeline, many).wall_ms).toBeLessThanOrEqual(replay(timeline, few).wall_ms * (1 + 1e-9) + 1e-6);
        }),
    );
  });

  it('predicts today’s duration at today’s slots (within 1e-9: the replay is calibrated on the run)', () => {
    fc.assert(
      fc.property(fc.oneof(phasesArb.map((p) => simulate(p, 24)), overlappingArb.map((profile) => ({ profile, duration_ms: 200_000 }))), (sim) => {
        const timeline = timelineOf(sim.profile, sim.duration_ms, 24);
        expect(replay(timeline, 24).wall_ms).toBeCloseTo(timeline.wall_ms, 6);
      }),
    );
  });

  it('keeps driver-only time and does not speed up stages that did not fill the slots', () => {
    const phases: Phase[] = [{ driver_ms: 600_000 }, { tasks: Array(8).fill(60_000) }, { driver_ms: 300_000 }];
    const timeline = timelineOf(simulate(phases, 32).profile, 960_000, 32);
    expect(replay(timeline, 64).wall_ms).toBe(960_000);
    expect(replay(timeline, 8).wall_ms).toBe(960_000);
    // 4 slots for 8 one-minute tasks: the bound gives 480 s / 4 + ¾ × 60 s = 165 s (exact list scheduling: two waves, 120 s)
    expect(replay(timeline, 4).wall_ms).toBe(900_000 + 165_000);
  });

  it('stays within 10% of exact (9 in 10 predictions; measured p90 4.7%) list scheduling of the same tasks at half and twice the slots (seeded workloads)', () => {
    const errors: number[] = [];
    fc.assert(
      fc.property(phasesArb, fc.integer({ min: 2, max: 64 }), (phases, slots) => {
        const timeline = timelineOf(simulate(phases, slots).profile, exactDuration(phases, slots), slots);
        for (const other of [Math.max(1, Math.floor(slots / 2)), slots * 2]) {
          errors.push(Math.abs(replay(timeline, other).wall_ms / exactDuration(phases, other) - 1));
        }
      }),
      { seed: 15, numRuns: 300 },
    );
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.02);
    expect(errors[Math.floor(errors.length * 0.9)]).toBeLessThan(0.1);
  });
});
