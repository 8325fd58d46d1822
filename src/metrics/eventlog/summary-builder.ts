import { emptySummary } from '../empty-summary.js';
import type { ApplicationSummary } from '../summary.js';
import { AppTracker } from './app-tracker.js';
import { applicationStatus } from './app-status.js';
import { ExecutorTracker } from './executor-tracker.js';
import { numberField, objectField, type JsonObject } from './json-fields.js';
import { JobTracker } from './job-tracker.js';
import { qualityNotes } from './quality-notes.js';
import { redactFailureText } from './redact-text.js';
import type { StageDistributionListener } from './stage-task-distributions.js';
import { buildStageProfile } from './stage-profile-build.js';
import { StageTracker } from './stage-tracker.js';
import { TaskTracker } from './task-tracker.js';

export interface SummaryBuilderOptions {
  /** App-name pattern with named groups `dag_id`, `task_id` (last Airflow linkage source). */
  appNamePattern?: RegExp;
  /** App id for a log without SparkListenerApplicationStart. */
  fallbackAppId?: string;
  /** Called with each stage attempt's task distribution when it completes (e.g. to compare with the History Server). */
  onStageDistribution?: StageDistributionListener;
  /** How many successful task durations are kept for exact quantiles (default 262,144). */
  exactDurationLimit?: number;
}

/**
 * Builds one ApplicationSummary from the parsed events of one application attempt, in log
 * order. Pure: no I/O. Events the summary does not need are ignored; the reader may skip them
 * unparsed and report them with `noteSkipped`, and report broken lines with `noteUnparsable`.
 */
export class SummaryBuilder {
  private readonly app = new AppTracker();
  private readonly jobs = new JobTracker();
  private readonly stages = new StageTracker();
  private readonly tasks: TaskTracker;
  private readonly executors = new ExecutorTracker();
  private readonly unparsable = new Map<string, number>();
  private latestTimestamp: number | null = null;
  /** Lines that carried a Spark event, parsed or skipped. */
  eventCount = 0;

  constructor(private readonly options: SummaryBuilderOptions = {}) {
    this.tasks = new TaskTracker({
      onStageDistribution: options.onStageDistribution,
      onStageSpread: (spread) => this.stages.onTaskSpread(spread),
      exactDurationLimit: options.exactDurationLimit,
    });
  }

  /** Whether the log named its application (SparkListenerApplicationStart with an App ID). */
  get identified(): boolean {
    return this.app.appId !== null;
  }

  add(event: JsonObject): void {
    this.eventCount += 1;
    switch (event.Event) {
      case 'SparkListenerLogStart': return this.app.onLogStart(event);
      case 'DBCEventLoggingListenerMetadata': return this.app.onDatabricksMetadata(event);
      case 'SparkListenerEnvironmentUpdate': return this.app.onEnvironmentUpdate(event);
      case 'SparkListenerApplicationStart': return this.stamp(event, 'Timestamp', () => this.app.onApplicationStart(event));
      case 'SparkListenerApplicationEnd': return this.stamp(event, 'Timestamp', () => this.app.onApplicationEnd(event));
      case 'SparkListenerJobStart': return this.stamp(event, 'Submission Time', () => this.jobs.onJobStart(event));
      case 'SparkListenerJobEnd': return this.stamp(event, 'Completion Time', () => this.jobs.onJobEnd(event));
      case 'SparkListenerStageSubmitted': return this.onStageSubmitted(event);
      case 'SparkListenerStageCompleted': return this.onStageCompleted(event);
      case 'SparkListenerTaskStart': return this.onTaskStart(event);
      case 'SparkListenerTaskEnd': return this.onTaskEnd(event);
      case 'SparkListenerExecutorAdded': return this.stamp(event, 'Timestamp', () => this.executors.onExecutorAdded(event));
      case 'SparkListenerExecutorRemoved': return this.stamp(event, 'Timestamp', () => this.executors.onExecutorRemoved(event));
      case 'SparkListenerStageExecutorMetrics': return this.executors.onStageExecutorMetrics(event);
      case 'SparkListenerExecutorMetricsUpdate': return this.executors.onExecutorMetricsUpdate(event);
      default: return undefined;
    }
  }

  /** A Spark event line the reader did not parse because the summary does not need it. */
  noteSkipped(): void {
    this.eventCount += 1;
  }

  /** A line that is not valid JSON; `eventName` when its start still named the event. */
  noteUnparsable(eventName: string | null): void {
    const key = eventName ?? 'unknown event';
    this.unparsable.set(key, (this.unparsable.get(key) ?? 0) + 1);
  }

  finish(): ApplicationSummary {
    const row = emptySummary(this.app.appId ?? this.options.fallbackAppId ?? 'unknown');
    const redactionNote = this.app.fill(row, this.options.appNamePattern);
    this.jobs.fill(row);
    this.stages.fill(row);
    this.tasks.fill(row);
    const ended = this.app.endTime !== null;
    this.executors.fill(row, {
      startTime: this.app.startTime,
      endTime: this.app.endTime ?? this.latestTimestamp,
      executorMemoryMb: row.executor_memory_mb,
      coreMsUsed: row.executor_core_ms_used,
    });
    const { startTime, endTime } = this.app;
    row.driver_only_time_ms = startTime !== null && endTime !== null ? this.tasks.clock.total(startTime, endTime) : null;
    row.stage_profile = startTime === null ? null
      : buildStageProfile(this.stages.stageTimes(), startTime, endTime, this.tasks.clock.intervals(startTime, endTime));
    Object.assign(row, applicationStatus({ ended, exitCode: this.app.exitCode, lastJobFailure: this.jobs.lastFailure }));
    redactFailureText(row, this.app.redaction());
    row.metrics_quality = qualityNotes({
      row,
      ended,
      hasProperties: this.app.props !== null,
      unparsable: this.unparsable,
      redactionNote,
      sawMemoryMetrics: this.executors.sawMemoryMetrics,
      executorsWithoutPeaks: this.executors.executorsWithoutPeaks,
      driverRanTasks: this.executors.driverRanTasks,
      jobEndsWithoutStart: this.jobs.endsWithoutStart,
      ...this.tasks.qualityFacts(),
    });
    return row;
  }

  private onStageSubmitted(event: JsonObject): void {
    this.noteTime(numberField(objectField(event, 'Stage Info'), 'Submission Time'));
    this.stages.onStageSubmitted(event);
  }

  private onStageCompleted(event: JsonObject): void {
    this.noteTime(numberField(objectField(event, 'Stage Info'), 'Completion Time'));
    this.stages.onStageCompleted(event);
    const info = objectField(event, 'Stage Info');
    const stageId = numberField(info, 'Stage ID');
    if (stageId !== undefined) this.tasks.distributions.onStageCompleted(stageId, numberField(info, 'Stage Attempt ID') ?? 0);
  }

  private onTaskStart(event: JsonObject): void {
    this.noteTime(numberField(objectField(event, 'Task Info'), 'Launch Time'));
    this.stages.onTaskStart(event);
    this.tasks.onTaskStart(event);
  }

  private onTaskEnd(event: JsonObject): void {
    const info = objectField(event, 'Task Info');
    this.noteTime(numberField(info, 'Finish Time'));
    const metrics = this.tasks.onTaskEnd(event);
    this.stages.onTaskEnd(event, metrics);
    this.executors.onTaskEnd(event);
  }

  private stamp(event: JsonObject, key: string, handle: () => void): void {
    this.noteTime(numberField(event, key));
    handle();
  }

  private noteTime(timestamp: number | undefined): void {
    if (timestamp !== undefined && timestamp > 0) this.latestTimestamp = Math.max(this.latestTimestamp ?? 0, timestamp);
  }
}

