import type { ApplicationSummary } from '../metrics/summary.js';
import { predictRun, prepareRun } from './predict-run.js';

/** One log predicted at its own executors and cores: the calibrated prediction and the model alone. */
export interface OwnSlotsResult {
  app_id: string;
  attempt_id: string | null;
  app_name: string | null;
  slots: number;
  duration_ms: number;
  /** The estimator's prediction (calibrated on the run: equal to the duration up to rounding). */
  predicted_ms: number;
  /** The uncalibrated replay: each profiled stage's modelled makespan instead of its measured duration. */
  raw_ms: number;
  /** |predicted − duration| / duration, and the same for the raw replay. */
  error: number;
  raw_error: number;
}

export interface OwnSlotsCheck {
  results: OwnSlotsResult[];
  /** Logs left out, each with why (local mode, no stage profile, no duration). */
  excluded: Array<{ app_id: string; attempt_id: string | null; reason: string }>;
}

/**
 * Predicts every run's own duration at its own executor slots (issue 15's check of the estimator on real logs).
 * Left out: runs without a duration (incomplete logs) and the runs the estimator cannot replay (local mode, no
 * stage profile, no executor count).
 */
export function ownSlotsCheck(runs: ApplicationSummary[]): OwnSlotsCheck {
  const results: OwnSlotsResult[] = [];
  const excluded: OwnSlotsCheck['excluded'] = [];
  for (const run of runs) {
    const prepared = prepareRun(run);
    const reason = run.duration_ms === null || run.duration_ms <= 0 ? 'no duration (incomplete log)' : 'problem' in prepared ? prepared.problem : null;
    if (reason !== null || 'problem' in prepared || run.duration_ms === null) {
      excluded.push({ app_id: run.app_id, attempt_id: run.attempt_id, reason: reason ?? 'not replayable' });
      continue;
    }
    const replay = predictRun(prepared, { executors: prepared.executors, cores: null });
    const duration = run.duration_ms;
    results.push({
      app_id: run.app_id,
      attempt_id: run.attempt_id,
      app_name: run.app_name,
      slots: replay.slots_before,
      duration_ms: duration,
      predicted_ms: replay.wall_ms_after,
      raw_ms: replay.raw_wall_ms_today,
      error: Math.abs(replay.wall_ms_after / duration - 1),
      raw_error: Math.abs(replay.raw_wall_ms_today / duration - 1),
    });
  }
  return { results, excluded };
}

/** The median, 90th percentile and max of errors (nearest rank), or null without any. */
export function errorSpread(errors: number[]): { median: number; p90: number; max: number } | null {
  if (errors.length === 0) return null;
  const sorted = [...errors].sort((a, b) => a - b);
  const rank = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return { median: rank(0.5), p90: rank(0.9), max: sorted.at(-1) ?? 0 };
}
