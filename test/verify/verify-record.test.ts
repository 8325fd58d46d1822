import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseAll } from '../../src/diagnose/diagnose-task.js';
import type { TuningRecord } from '../../src/verify/types.js';
import { verifyRecord } from '../../src/verify/verify-record.js';
import { cleanup, verifyHistory, type VerifyHistory } from './support.js';

const NAMES = ['verify-held', 'verify-oom', 'verify-not-deployed', 'verify-too-few', 'verify-noisy'];
const histories = new Map<string, VerifyHistory>();

beforeAll(async () => {
  for (const name of NAMES) histories.set(name, await verifyHistory(name));
}, 60_000);

afterAll(async () => {
  await Promise.all([...histories.values()].map(cleanup));
});

function recordFor(name: string): TuningRecord {
  const h = histories.get(name);
  if (!h) throw new Error(name);
  return {
    fingerprint: 'f00d',
    dag_id: name.replace(/-/g, '_'),
    changes: [{ task_id: 'transform', key: 'spark.executor.memory', old_value: '16g', new_value: '8g' }],
    window: { since: h.since - 1, until: h.until },
  };
}

function verify(name: string, options = {}) {
  const h = histories.get(name);
  if (!h) throw new Error(name);
  const [only, ...others] = verifyRecord(recordFor(name), h.mergedAt, h.summaries, options);
  expect(others).toEqual([]);
  if (!only) throw new Error('no verification');
  return only;
}

describe('verifyRecord on generated histories with a merge point', () => {
  it('the evidence before the merge is what spark-tuner turns into 16g → 8g', () => {
    const h = histories.get('verify-held');
    const before = h?.summaries.filter((s) => (s.start_time ?? 0) < (h?.mergedAt ?? 0)) ?? [];
    const [d] = diagnoseAll(before, { until: h?.mergedAt ?? 0, lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' });
    expect(d?.recommendations.map((r) => `${r.key}=${r.current}→${r.proposed}`)).toEqual(['spark.executor.memory=16g→8g']);
  });

  it('a cut that held: verified, with half the GB-hours and the same duration', () => {
    const v = verify('verify-held');
    expect(v.status).toBe('verified');
    expect(v.before.runs).toBe(5);
    expect(v.after.runs).toBe(5);
    expect(v.not_deployed_runs).toBe(0);
    expect(v.reason).toMatch(/^Verified over 5 runs: median duration [\d.]+m → [\d.]+m \([+-]\d+%, limit \+20%\); no new memory failures; failed runs 0% → 0%\.$/);
    expect((v.after.gb_hours ?? 0) / (v.before.gb_hours ?? 1)).toBeLessThan(0.6);
    expect(v.after.cost_usd ?? 0).toBeLessThan(v.before.cost_usd ?? 0);
    expect(v.runs_per_day).toBeCloseTo(1, 1);
  });

  it('a cut followed by OutOfMemoryErrors: regressed, saying why', () => {
    const v = verify('verify-oom');
    expect(v.status).toBe('regressed');
    expect(v.after.memory_failure_runs).toBe(5);
    expect(v.reason).toContain('5 runs with the new values had memory failures the task did not have before');
    expect(v.reason).toContain('failed runs rose from 0% to 40%');
  });

  it('runs still on the old value: not deployed', () => {
    const v = verify('verify-not-deployed');
    expect(v.status).toBe('not-deployed');
    expect(v.not_deployed_runs).toBe(5);
    expect(v.reason).toBe('5 runs since the merge still use the old values: the change is not deployed yet.');
  });

  it('two runs after the merge: not enough runs (and enough with min_runs 2)', () => {
    expect(verify('verify-too-few')).toMatchObject({ status: 'not-enough-runs', reason: '2 successful runs with the new values since the merge; 3 are needed to decide.' });
    expect(verify('verify-too-few', { thresholds: { min_runs: 2, max_slowdown: 0.2 } }).status).toBe('verified');
  });

  it('one run twice as slow among five: the median holds, verified; a tight limit would not be', () => {
    const v = verify('verify-noisy');
    expect(v.status).toBe('verified');
    expect((v.after.p95_duration_ms ?? 0) / (v.before.p95_duration_ms ?? 1)).toBeGreaterThan(1.3);
    expect(verify('verify-noisy', { thresholds: { min_runs: 3, max_slowdown: -0.5 } }).status).toBe('regressed');
  });
});
