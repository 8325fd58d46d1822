import { describe, expect, it } from 'vitest';
import { driverMemory as rule } from '../../../src/diagnose/rules/driver-memory.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, run, threeRuns } from '../../support/runs.js';

const GIB = 1024 ** 3;
const driver = (memoryGib: number, peakGib: number | null, extra: Record<string, string> = {}): Partial<ApplicationSummary> => ({
  driver_memory_mb: memoryGib * 1024,
  driver_peak_jvm_heap_bytes: peakGib === null ? null : peakGib * GIB,
  spark_conf: { 'spark.executor.memory': '16g', 'spark.driver.memory': `${memoryGib}g`, ...extra },
});

describe('rule driver-memory', () => {
  it.each([
    ['16g peaking at 3 GiB: capped at half', 16, 3, {}, '8g'],
    ['10g peaking at 5 GiB: peak × 1.25 + 300m, rounded up to 512m', 10, 5, {}, '7g'],
    ['8g peaking at 1 GiB, maxResultSize 4g: stays above it + 1g', 8, 1, { 'spark.driver.maxResultSize': '4g' }, '5g'],
  ])('cuts a driver that %s', (_why, memory, peak, extra, proposed) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(driver(memory, peak, extra), 5)), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ kind: 'cost', needs_human: false });
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.driver.memory', current: `${memory}g`, proposed })]);
  });

  it.each([
    ['of 4g or less', threeRuns(driver(4, 0.5), 5)],
    ['that peaks at 75%', threeRuns(driver(8, 6), 5)],
    ['with only 2 runs', threeRuns(driver(16, 2), 5).slice(1)],
  ])('leaves a driver %s alone', (_why, runs) => {
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
  });

  it('says so when the runs report no driver peak', () => {
    const outcome = rule.evaluate(ruleInputOf(threeRuns(driver(16, null), 5)), rule.defaults, 'eventlogs');
    expect(outcome.finding).toBeNull();
    expect(outcome.notes[0]).toMatch(/Only 0 of 3 successful runs reported the driver's peak heap/);
  });

  it('raises the driver after it ran out of memory (an OOM no executor task reported)', () => {
    const failed = run(0.5, null, { ...driver(4, null), status: 'failed', failure_reason: 'java.lang.OutOfMemoryError: Java heap space' });
    const finding = rule.evaluate(ruleInputOf([...threeRuns(driver(4, 1), 5), failed]), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ kind: 'reliability', title: 'The driver ran out of memory in 1 run(s)' });
    expect(finding?.recommendations[0]).toMatchObject({ key: 'spark.driver.memory', current: '4g', proposed: '6g' });
  });

  it('does not blame the driver for executor OutOfMemoryErrors', () => {
    const failed = run(0.5, null, {
      ...driver(4, null), status: 'failed', failure_reason: 'Job aborted: java.lang.OutOfMemoryError: Java heap space',
      failure_causes: [{ cause: 'ExceptionFailure: java.lang.OutOfMemoryError', count: 4 }],
    });
    expect(rule.evaluate(ruleInputOf([failed]), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
