import type { StageProfile } from './stage-profile.js';

/**
 * One row per Spark application attempt: the "five pillars" of DESIGN §2.
 * Field names are the column names of the Athena table (snake_case). Unknown is
 * `null`, never 0. Sizes are bytes unless the name says `_mb`; times are ms;
 * `start_time`/`end_time` are epoch milliseconds.
 */
export type ApplicationStatus = 'succeeded' | 'failed' | 'incomplete';

export interface FailureCause {
  cause: string;
  count: number;
}

export interface ApplicationSummary {
  // 1. Metadata and orchestration
  app_id: string;
  attempt_id: string | null;
  app_name: string | null;
  spark_version: string | null;
  user: string | null;
  master: string | null;
  start_time: number | null;
  end_time: number | null;
  duration_ms: number | null;
  status: ApplicationStatus;
  failure_reason: string | null;
  dag_id: string | null;
  task_id: string | null;
  run_id: string | null;
  try_number: number | null;
  cluster_id: string | null;
  yarn_queue: string | null;
  team: string | null;

  // 2. User-specified configuration
  executor_memory_mb: number | null;
  executor_memory_overhead_mb: number | null;
  executor_cores: number | null;
  executor_instances: number | null;
  driver_memory_mb: number | null;
  driver_cores: number | null;
  dynamic_allocation_enabled: boolean | null;
  dynamic_allocation_min_executors: number | null;
  dynamic_allocation_initial_executors: number | null;
  dynamic_allocation_max_executors: number | null;
  shuffle_partitions: number | null;
  aqe_enabled: boolean | null;
  offheap_size_mb: number | null;
  speculation_enabled: boolean | null;
  /** Every Spark property, with secrets redacted. */
  spark_conf: Record<string, string>;

  // 3. Performance insights: skew, spill, failures
  jobs_total: number | null;
  jobs_failed: number | null;
  stages_total: number | null;
  stages_failed: number | null;
  stage_attempts_retried: number | null;
  tasks_total: number | null;
  tasks_failed: number | null;
  tasks_killed: number | null;
  task_attempts_retried: number | null;
  memory_bytes_spilled: number | null;
  disk_bytes_spilled: number | null;
  stages_with_spill: number | null;
  max_task_skew_ratio: number | null;
  skew_stage_id: number | null;
  /** The longest successful task of `skew_stage_id`, ms (the rules' noise floors apply to it). */
  skew_stage_task_max_ms: number | null;
  max_shuffle_read_skew_ratio: number | null;
  fetch_failures: number | null;
  executor_lost_failures: number | null;
  oom_failures: number | null;
  failure_causes: FailureCause[];

  // 4. Execution insights
  job_duration_max_ms: number | null;
  stage_duration_max_ms: number | null;
  task_duration_p50_ms: number | null;
  task_duration_p95_ms: number | null;
  task_duration_max_ms: number | null;
  executor_run_time_ms: number | null;
  executor_cpu_time_ms: number | null;
  jvm_gc_time_ms: number | null;
  input_bytes: number | null;
  output_bytes: number | null;
  shuffle_read_bytes: number | null;
  shuffle_write_bytes: number | null;
  driver_only_time_ms: number | null;
  /** The stage timeline, bounded to the stage attempts holding the most task time (null when not measurable). */
  stage_profile: StageProfile | null;

  // 5. Resource usage and health
  executors_added: number | null;
  executors_removed: number | null;
  executors_max_concurrent: number | null;
  executor_peak_jvm_heap_bytes: number | null;
  executor_peak_offheap_bytes: number | null;
  executor_peak_rss_bytes: number | null;
  driver_peak_jvm_heap_bytes: number | null;
  gc_time_ratio: number | null;
  /** Old-generation (major/full) GC time: per executor its cumulative `MajorGCTime`, summed; null when not reported. */
  executor_major_gc_time_ms: number | null;
  executor_core_ms_allocated: number | null;
  executor_core_ms_used: number | null;
  slot_utilization: number | null;
  executor_memory_mb_ms_allocated: number | null;
  /** Plain-language notes on what could not be measured, so nobody trusts a silent zero. */
  metrics_quality: string[];
}
