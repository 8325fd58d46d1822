/** What `verify:` decides with (DESIGN §10); configurable, defaults below. */
export interface VerifyThresholds {
  /** Successful runs with the new values needed before deciding. */
  min_runs: number;
  /** The largest median slowdown of successful runs that still counts as verified (0.2 = +20%). */
  max_slowdown: number;
}

export const DEFAULT_VERIFY_THRESHOLDS: VerifyThresholds = { min_runs: 3, max_slowdown: 0.2 };

/** One setting a merged tuning changed, as its record (the PR body's marker) states it. */
export interface ProposedChange {
  task_id: string;
  key: string;
  /** The value before the merge, or null when the setting was unset. */
  old_value: string | null;
  new_value: string;
}

/** The runs the proposal's evidence used: start times in [since, until], epoch ms. */
export interface EvidenceWindow {
  since: number;
  until: number;
}

/** What a merged spark-tuner PR proposed: enough to compare the runs before and after it. */
export interface TuningRecord {
  fingerprint: string;
  dag_id: string;
  changes: ProposedChange[];
  window: EvidenceWindow;
}

/** Aggregates of a set of runs of one task; null when no run measured it. */
export interface RunSetMetrics {
  runs: number;
  successful: number;
  /** Runs that lost tasks or executors to memory (OOM, container killed for its memory limit), or failed for it. */
  memory_failure_runs: number;
  /** Failed runs for any other reason. */
  other_failed_runs: number;
  /** Failed runs / runs. */
  failed_share: number;
  median_duration_ms: number | null;
  p95_duration_ms: number | null;
  /** Median bytes spilled (memory) per successful run. */
  median_spill_bytes: number | null;
  /** Median share of task time spent in GC, successful runs. */
  median_gc_share: number | null;
  /** Mean allocated executor GB-hours per successful run (heap + overhead). */
  gb_hours: number | null;
  /** Mean allocated executor core-hours per successful run. */
  core_hours: number | null;
  /** Mean cost per successful run, USD. */
  cost_usd: number | null;
}

export type VerifyStatus = 'verified' | 'regressed' | 'not-enough-runs' | 'not-deployed';

/** The outcome for one tuned task. */
export interface TaskVerification {
  dag_id: string;
  task_id: string;
  fingerprint: string;
  status: VerifyStatus;
  /** One sentence saying how the decision was made. */
  reason: string;
  changes: ProposedChange[];
  before: RunSetMetrics;
  /** The runs since the merge that carry the proposed values. */
  after: RunSetMetrics;
  /** Runs since the merge still on the old values. */
  not_deployed_runs: number;
  /** Successful runs per day since the merge (all values), for savings per month; null with fewer than 2 runs. */
  runs_per_day: number | null;
}
