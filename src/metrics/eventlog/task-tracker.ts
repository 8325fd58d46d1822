import type { ApplicationSummary, FailureCause } from '../summary.js';
import { DriverOnlyClock } from './driver-only-time.js';
import type { QualityFacts } from './quality-notes.js';
import { numberField, objectField, stringField, type JsonObject } from './json-fields.js';
import { StageTaskDistributions, type StageDistributionListener, type StageSpreadListener } from './stage-task-distributions.js';
import { TaskDurations } from './task-durations.js';
import { taskSpan, wallTime } from './task-span.js';
import { classifyTaskEnd } from './task-end-reason.js';
import { readTaskMetrics, type TaskMetricValues } from './task-metrics.js';

const TOP_CAUSES = 5;

/**
 * Task counts, failure causes and metric sums over every task attempt (TaskStart/TaskEnd);
 * duration quantiles and per-stage distributions (skew) over the successful ones.
 */
export class TaskTracker {
  readonly clock = new DriverOnlyClock();
  readonly durations: TaskDurations;
  readonly distributions: StageTaskDistributions;
  private readonly running = new Set<number>();
  private readonly causes = new Map<string, number>();
  private readonly sums: TaskMetricValues = {
    runTimeMs: 0, cpuTimeNs: 0, gcTimeMs: 0, memorySpilled: 0, diskSpilled: 0,
    shuffleRead: 0, shuffleWrite: 0, input: 0, output: 0,
  };
  private total = 0;
  private failed = 0;
  private killed = 0;
  private retried = 0;
  private fetchFailures = 0;
  private executorLost = 0;
  private oom = 0;
  private endsWithoutStart = 0;

  constructor(options: {
    onStageDistribution?: StageDistributionListener | undefined;
    onStageSpread?: StageSpreadListener | undefined;
    exactDurationLimit?: number | undefined;
  } = {}) {
    this.durations = new TaskDurations(options.exactDurationLimit);
    this.distributions = new StageTaskDistributions(options.onStageDistribution, options.onStageSpread);
  }

  onTaskStart(event: JsonObject): void {
    const info = objectField(event, 'Task Info');
    const taskId = numberField(info, 'Task ID');
    this.distributions.onTaskStart(numberField(event, 'Stage ID') ?? -1, numberField(event, 'Stage Attempt ID') ?? 0, taskId);
    if (taskId === undefined || this.running.has(taskId)) return;
    this.running.add(taskId);
    this.clock.taskStarted(numberField(info, 'Launch Time') ?? 0);
  }

  /** Counts one task attempt and returns its metrics (for per-stage figures). */
  onTaskEnd(event: JsonObject): TaskMetricValues {
    const info = objectField(event, 'Task Info');
    const verdict = classifyTaskEnd(event);
    this.total += 1;
    if (verdict.outcome === 'failed') this.failed += 1;
    if (verdict.outcome === 'killed') this.killed += 1;
    if ((numberField(info, 'Attempt') ?? 0) > 0) this.retried += 1;
    if (verdict.fetchFailure) this.fetchFailures += 1;
    if (verdict.executorLost) this.executorLost += 1;
    if (verdict.oom) this.oom += 1;
    if (verdict.cause !== null) this.causes.set(verdict.cause, (this.causes.get(verdict.cause) ?? 0) + 1);
    this.trackRunning(info, stringField(objectField(event, 'Task End Reason'), 'Reason'));
    const metrics = readTaskMetrics(event);
    for (const key of Object.keys(this.sums) as (keyof TaskMetricValues)[]) this.sums[key] += metrics[key];
    const durationMs = verdict.outcome === 'succeeded' ? wallTime(info) : null;
    if (durationMs !== null) this.durations.add(durationMs);
    const success = durationMs === null ? null : { durationMs, shuffleReadBytes: metrics.shuffleRead };
    this.distributions.onTaskEnd(
      numberField(event, 'Stage ID') ?? -1, numberField(event, 'Stage Attempt ID') ?? 0, numberField(info, 'Task ID'), success, taskSpan(event),
    );
    return metrics;
  }

  fill(row: ApplicationSummary): void {
    row.tasks_total = this.total;
    row.tasks_failed = this.failed;
    row.tasks_killed = this.killed;
    row.task_attempts_retried = this.retried;
    row.fetch_failures = this.fetchFailures;
    row.executor_lost_failures = this.executorLost;
    row.oom_failures = this.oom;
    row.failure_causes = topCauses(this.causes);
    row.executor_run_time_ms = this.sums.runTimeMs;
    row.executor_cpu_time_ms = Math.round(this.sums.cpuTimeNs / 1e6);
    row.jvm_gc_time_ms = this.sums.gcTimeMs;
    row.memory_bytes_spilled = this.sums.memorySpilled;
    row.disk_bytes_spilled = this.sums.diskSpilled;
    row.shuffle_read_bytes = this.sums.shuffleRead;
    row.shuffle_write_bytes = this.sums.shuffleWrite;
    row.input_bytes = this.sums.input;
    row.output_bytes = this.sums.output;
    row.executor_core_ms_used = this.sums.runTimeMs;
    row.gc_time_ratio = this.sums.runTimeMs > 0 ? this.sums.gcTimeMs / this.sums.runTimeMs : null;
    this.durations.fill(row);
    this.distributions.fill(row);
  }

  /** What the quality notes need to know about the tasks. */
  qualityFacts(): Pick<QualityFacts, 'taskEndsWithoutStart' | 'tasksNeverEnded' | 'successfulTasks' | 'exactDurations' | 'skewStagesMeasured'> {
    return {
      taskEndsWithoutStart: this.endsWithoutStart,
      // Tasks started and not (yet) ended: non-zero at the end of an incomplete log.
      tasksNeverEnded: this.running.size,
      successfulTasks: this.durations.count,
      exactDurations: this.durations.exact,
      skewStagesMeasured: this.distributions.stagesMeasured,
    };
  }

  private trackRunning(info: JsonObject | undefined, reason: string | undefined): void {
    // A Resubmitted end re-reports a finished map task whose output was lost: it never has a start.
    if (reason === 'Resubmitted') return;
    const taskId = numberField(info, 'Task ID');
    if (taskId === undefined || !this.running.delete(taskId)) {
      this.endsWithoutStart += 1;
      return;
    }
    this.clock.taskFinished(numberField(info, 'Finish Time') ?? numberField(info, 'Launch Time') ?? 0);
  }
}

function topCauses(causes: Map<string, number>): FailureCause[] {
  return [...causes.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .slice(0, TOP_CAUSES)
    .map(([cause, count]) => ({ cause, count }));
}
