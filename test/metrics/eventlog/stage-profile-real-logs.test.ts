import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRIVER_ONLY_INTERVAL_LIMIT } from '../../../src/metrics/eventlog/driver-only-time.js';
import { findEventLogs } from '../../../src/metrics/eventlog/find-event-logs.js';
import { STAGE_PROFILE_LIMIT } from '../../../src/metrics/eventlog/stage-profile-build.js';
import { summarizeEventLog } from '../../../src/metrics/eventlog/summarize-event-log.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { hasSharedEvents, SHARED_EVENTS_DIR } from '../../support/shared-data.js';

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** What must hold of every profile; returns the broken rules (empty when it holds). */
function brokenRules(row: ApplicationSummary): string[] {
  const profile = row.stage_profile;
  if (profile === null) return (row.tasks_total ?? 0) > 0 && row.start_time !== null ? ['no profile although tasks ended'] : [];
  const broken: string[] = [];
  const check = (ok: boolean, rule: string): void => {
    if (!ok) broken.push(rule);
  };
  const end = row.duration_ms ?? Number.POSITIVE_INFINITY;
  const { stages, driver_only: gaps } = profile;
  check(stages.length > 0 && stages.length <= STAGE_PROFILE_LIMIT, 'between 1 and the limit of stages');
  check(stages.length + profile.omitted_stages === row.stages_total, 'kept + omitted = stages_total');
  check(stages.every((s, i) => i === 0 || (stages[i - 1]?.submit_ms ?? 0) <= s.submit_ms), 'stages in submission order');
  check(stages.every((s) => s.submit_ms >= 0 && s.submit_ms <= s.complete_ms && s.complete_ms <= end), 'stage times within [0, duration]');
  check(stages.every((s) => s.tasks >= 1 && s.max_running >= 1 && s.max_running <= s.tasks), '1 ≤ max_running ≤ tasks');
  check(stages.every((s) => s.task_ms_p50 <= s.task_ms_p95 && s.task_ms_p95 <= s.task_ms_max && s.task_ms_max <= s.task_ms_sum), 'p50 ≤ p95 ≤ max ≤ sum');
  check(gaps.length <= DRIVER_ONLY_INTERVAL_LIMIT, 'at most the limit of driver-only intervals');
  check(gaps.every(([from, to], i) => from >= 0 && from < to && to <= end && (i === 0 || (gaps[i - 1]?.[1] ?? 0) <= from)),
    'driver-only intervals disjoint, in order, within [0, duration]');
  const gapMs = sum(gaps.map(([from, to]) => to - from));
  if (row.driver_only_time_ms !== null) {
    check(gaps.length < DRIVER_ONLY_INTERVAL_LIMIT ? gapMs === row.driver_only_time_ms : gapMs <= row.driver_only_time_ms,
      'driver-only intervals add up to driver_only_time_ms (unless capped)');
  }
  const taskMs = sum(stages.map((s) => s.task_ms_sum)) + profile.omitted_task_ms;
  check((row.executor_run_time_ms ?? 0) <= taskMs, 'executor_run_time_ms ≤ task time (run time is part of launch-to-finish)');
  for (const key of ['input_bytes', 'shuffle_read_bytes', 'shuffle_write_bytes'] as const) {
    const kept = sum(stages.map((s) => s[key] ?? 0));
    check(profile.omitted_stages === 0 ? kept === row[key] : kept <= (row[key] ?? 0), `stage ${key} add up to the row's`);
  }
  return broken;
}

describe.skipIf(!hasSharedEvents)('the stage profile of every real log', () => {
  it('is consistent with the row: counts, task time, bytes, driver-only time, times within the run', async () => {
    const { logs } = await findEventLogs([path.join(SHARED_EVENTS_DIR, 'logs')]);
    const broken: Record<string, string[]> = {};
    let profiled = 0;
    let capped = 0;
    for (const log of logs) {
      const { summary } = await summarizeEventLog(log);
      if (summary === null) continue;
      if (summary.stage_profile !== null) profiled += 1;
      if ((summary.stage_profile?.omitted_task_ms ?? 0) > 0) capped += 1;
      const rules = brokenRules(summary);
      if (rules.length > 0) broken[path.relative(SHARED_EVENTS_DIR, log.name)] = rules;
    }
    expect(broken).toEqual({});
    expect(profiled).toBeGreaterThan(80);
    // One real log has more stage attempts than the profile keeps.
    expect(capped).toBeGreaterThan(0);
  }, 300_000);
});
