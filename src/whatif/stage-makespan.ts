import type { StageProfileStage } from '../metrics/stage-profile.js';

/**
 * How long a stage's tasks take on `slots` slots (may be fractional when overlapping stages share slots):
 * the list-scheduling bound of WHATIF_METHOD. Non-increasing in `slots`; equals the sum below one slot.
 */
export function stageMakespan(stage: Pick<StageProfileStage, 'tasks' | 'task_ms_sum' | 'task_ms_p95' | 'task_ms_max'>, slots: number): number {
  const n = Math.max(1, stage.tasks);
  const sum = Math.max(0, stage.task_ms_sum);
  const max = Math.min(Math.max(0, stage.task_ms_max), sum);
  if (slots >= n) return max;
  if (slots <= 1) return sum / Math.max(slots, Number.MIN_VALUE);
  const last = (max + Math.min(Math.max(0, stage.task_ms_p95), max)) / 2;
  return Math.max(max, sum / slots + (1 - 1 / slots) * last);
}
