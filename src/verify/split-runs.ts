import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { EvidenceWindow, ProposedChange } from './types.js';

/** The runs of one task around a merge. */
export interface SplitRuns {
  /** Runs of the PR's evidence window (and before the merge). */
  before: ApplicationSummary[];
  /** Runs since the merge whose `spark_conf` carries every proposed value. */
  deployed: ApplicationSummary[];
  /** Runs since the merge that do not carry them yet. */
  notDeployed: ApplicationSummary[];
}

/** Splits a task's runs (any order) into before, after-with-the-new-values and after-still-old. */
export function splitRuns(runs: ApplicationSummary[], changes: ProposedChange[], mergedAt: number, window: EvidenceWindow): SplitRuns {
  const timed = runs.filter((run) => run.start_time !== null).sort((a, b) => (a.start_time ?? 0) - (b.start_time ?? 0));
  const before = timed.filter((run) => (run.start_time ?? 0) >= window.since && (run.start_time ?? 0) <= window.until && (run.start_time ?? 0) < mergedAt);
  const after = timed.filter((run) => (run.start_time ?? 0) >= mergedAt);
  const deployed = after.filter((run) => carriesValues(run, changes));
  return { before, deployed, notDeployed: after.filter((run) => !deployed.includes(run)) };
}

/** True when the run was configured with every proposed value (memory sizes compared in MiB: `4096m` = `4g`). */
export function carriesValues(run: ApplicationSummary, changes: ProposedChange[]): boolean {
  return changes.every((change) => sameValue(run.spark_conf[change.key], change.new_value));
}

function sameValue(actual: string | undefined, proposed: string): boolean {
  if (actual === undefined) return false;
  if (actual.trim() === proposed.trim()) return true;
  const a = parseMemoryMb(actual);
  const b = parseMemoryMb(proposed);
  return a !== null && b !== null && /^\s*\d+(\.\d+)?\s*[kmgtp]i?b?\s*$/i.test(proposed) && a === b;
}
