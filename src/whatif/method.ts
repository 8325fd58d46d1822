/**
 * The what-if method, named wherever a prediction is shown (PR impact table, CLI, MCP, diagnosis JSON).
 *
 * Each stage attempt of the stage profile is replayed on the new number of executor slots with a
 * makespan model of list scheduling built from what the profile keeps (task count n, sum W, p95 and
 * max M of the task durations): on k slots a stage takes M when k ≥ n, else
 * max(M, W/k + (1 − 1/k) × (M + p95)/2) — Graham's bound W/k + (1 − 1/k) × M with the last task
 * taken between the p95 and the max (W/k below one slot). A stage keeps its concurrency limit: one that ran fewer
 * tasks at once than there were slots is not sped up by more slots, and is slowed only when the new
 * slots are fewer than it used. The model is calibrated on the run itself: a stage's measured duration is
 * scaled by T(new slots) / T(today's slots), never below its longest task, so at today's slots the prediction is
 * today's duration.
 * Overlapping stages are replayed per time segment (between consecutive stage submissions and
 * completions): they share the slots in proportion to what each can use, and the segment stretches
 * as much as its slowest stage. Driver-only time, and time covered only by stages the profile left
 * out, are kept as they were.
 */
export const WHATIF_METHOD = 'stage-timeline replay v1 (calibrated list-scheduling bound per stage, overlapping stages per time segment, driver-only time kept)';

/** The short name of the method, for tables. */
export const WHATIF_METHOD_SHORT = 'stage-timeline replay v1';
