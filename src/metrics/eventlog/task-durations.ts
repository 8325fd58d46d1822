import type { ApplicationSummary } from '../summary.js';
import { BoundedQuantiles } from './bounded-quantiles.js';

/**
 * `task_duration_p50_ms`, `_p95_ms` and `_max_ms` over the application's successful task
 * attempts (wall time, Finish − Launch). Failed and killed attempts are left out, as in the
 * History Server's task summary: they end early (or hang until killed) and describe the
 * failure, not how long the work takes; failures have their own columns. Quantiles use the
 * History Server's index rule, exactly up to 262,144 tasks and within 0.025% beyond.
 */
export class TaskDurations {
  private readonly values: BoundedQuantiles;
  private max: number | null = null;

  constructor(exactLimit?: number) {
    this.values = new BoundedQuantiles(exactLimit);
  }

  /** Whether the quantiles are exact (false when there were too many tasks to keep). */
  get exact(): boolean {
    return this.values.exact;
  }

  get count(): number {
    return this.values.count;
  }

  add(durationMs: number): void {
    this.values.add(durationMs);
    this.max = Math.max(this.max ?? 0, durationMs);
  }

  fill(row: ApplicationSummary): void {
    const [p50, p95] = this.values.quantiles([0.5, 0.95]);
    row.task_duration_p50_ms = p50 ?? null;
    row.task_duration_p95_ms = p95 ?? null;
    row.task_duration_max_ms = this.max;
  }
}
