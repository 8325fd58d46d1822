/**
 * The stage timeline of one application attempt, compact enough for one JSON column
 * (`stage_profile`, DESIGN §2's style). The what-if estimator (src/whatif) replays it
 * on another number of executor slots. Times are ms since the application started;
 * durations are ms; sizes are bytes. Unknown is `null`, never 0.
 */
export interface StageProfileStage {
  stage_id: number;
  attempt_id: number;
  /** When the stage attempt was submitted / completed, ms since application start. */
  submit_ms: number;
  complete_ms: number;
  /** Tasks that ended in this stage attempt (all end reasons; a `Resubmitted` end re-reports an earlier run and is not counted). */
  tasks: number;
  /** Sum, median, p95 and max of those tasks' durations (launch to finish; tasks without both times left out). */
  task_ms_sum: number;
  task_ms_p50: number;
  task_ms_p95: number;
  task_ms_max: number;
  /** The most tasks of this stage attempt that were running at the same moment. */
  max_running: number;
  input_bytes: number | null;
  shuffle_read_bytes: number | null;
  shuffle_write_bytes: number | null;
}

export interface StageProfile {
  /** Format version of this JSON object. */
  version: 1;
  /**
   * The stage attempts that matter most for wall time — the 100 holding the most task time (see `omitted_stages`) —
   * in submission order. Only attempts with at least one task that has both times; times clipped to [0, duration].
   */
  stages: StageProfileStage[];
  /**
   * Intervals [from, to] (ms since application start) when no task was running: driver-only time, the same gaps
   * as `driver_only_time_ms` (the longest 50 only; the rest is `driver_only_time_ms` minus their sum).
   */
  driver_only: Array<[number, number]>;
  /** Stage attempts left out (to keep the row small, or without a measured task), and the task time they held. */
  omitted_stages: number;
  omitted_task_ms: number;
}
