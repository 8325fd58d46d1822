import type { ApplicationSummary } from '../metrics/summary.js';
import type { RuleOutcome } from './types.js';

/** `value` rounded to `digits` decimals (for evidence values people read). */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The largest value of a column over runs that reported it, or null. */
export function maxOf(runs: ApplicationSummary[], pick: (run: ApplicationSummary) => number | null): number | null {
  const values = runs.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length > 0 ? Math.max(...values) : null;
}

/**
 * The runs for which `test` holds, when they are at least `share` of the runs that could be judged
 * (`test` returns null for a run without the metric) and at least `minRuns` were judged; else null.
 * A problem seen in most runs of the history is a property of the task, not of one run.
 */
export function persistent(
  runs: ApplicationSummary[],
  test: (run: ApplicationSummary) => boolean | null,
  share: number,
  minRuns: number,
): { hits: ApplicationSummary[]; judged: ApplicationSummary[] } | null {
  const judged = runs.filter((run) => test(run) !== null);
  if (judged.length < minRuns || judged.length === 0) return null;
  const hits = judged.filter((run) => test(run) === true);
  return hits.length > 0 && hits.length >= share * judged.length ? { hits, judged } : null;
}

/** No finding and nothing to say. */
export function silent(): RuleOutcome {
  return { finding: null, notes: [] };
}

/** No finding, with a note on why the rule could not decide. */
export function undecided(note: string): RuleOutcome {
  return { finding: null, notes: [note] };
}

/** `0.338` → "34%". */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
