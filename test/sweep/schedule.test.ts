import { describe, expect, it } from 'vitest';
import { scheduleSweeps, singleFlight } from '../../src/sweep/schedule.js';

const silent = { info() {}, warn() {}, error() {} };

describe('singleFlight', () => {
  it('never starts a second run while one is in flight, and runs again once it finished', async () => {
    let starts = 0;
    let busy = 0;
    let release: () => void = () => {};
    const run = singleFlight(
      () => {
        starts += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => (busy += 1),
    );
    const first = run();
    const second = run();
    expect(starts).toBe(1);
    expect(busy).toBe(1);
    release();
    await Promise.all([first, second]);
    const third = run();
    expect(starts).toBe(2);
    release();
    await third;
  });
});

describe('scheduleSweeps', () => {
  it('answers an invalid expression with one sentence instead of throwing', () => {
    const result = scheduleSweeps('every day at noon', async () => {}, silent);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^SCHEDULE="every day at noon" is not a cron expression \(.+\); scheduled sweeps are off\.$/);
  });

  it('runs the job on a six-field (seconds) expression, one pass at a time', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    let done: () => void = () => {};
    const twice = new Promise<void>((resolve) => (done = resolve));
    const result = scheduleSweeps(
      '* * * * * *',
      async () => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than a tick: the next tick is skipped
        concurrent -= 1;
        if (runs === 2) done();
      },
      silent,
    );
    expect(result.ok).toBe(true);
    await twice;
    if (result.ok) result.stop();
    expect(maxConcurrent).toBe(1);
  });
});
