import type { ApplicationSummary } from './summary.js';

/**
 * How a summary column is stored in the Athena (Iceberg) table, DESIGN §2: counts, bytes and ms are `bigint`;
 * ratios `double`; flags `boolean`; `start_time`/`end_time` `timestamp` (epoch ms in JSON Lines); `json` columns are
 * `varchar` holding JSON text (`spark_conf`, `failure_causes`, `stage_profile`, `metrics_quality`).
 */
export type SummaryColumnType = 'varchar' | 'bigint' | 'double' | 'boolean' | 'timestamp' | 'json';

export interface SummaryColumn {
  name: keyof ApplicationSummary;
  type: SummaryColumnType;
}

/** Every column of the summary table, in table order: the one source of truth for DDL, ingest and Athena reads. */
export const SUMMARY_COLUMNS = [
  { name: 'app_id', type: 'varchar' },
  { name: 'attempt_id', type: 'varchar' },
  { name: 'app_name', type: 'varchar' },
  { name: 'spark_version', type: 'varchar' },
  { name: 'user', type: 'varchar' },
  { name: 'master', type: 'varchar' },
  { name: 'start_time', type: 'timestamp' },
  { name: 'end_time', type: 'timestamp' },
  { name: 'duration_ms', type: 'bigint' },
  { name: 'status', type: 'varchar' },
  { name: 'failure_reason', type: 'varchar' },
  { name: 'dag_id', type: 'varchar' },
  { name: 'task_id', type: 'varchar' },
  { name: 'run_id', type: 'varchar' },
  { name: 'try_number', type: 'bigint' },
  { name: 'cluster_id', type: 'varchar' },
  { name: 'yarn_queue', type: 'varchar' },
  { name: 'team', type: 'varchar' },
  { name: 'executor_memory_mb', type: 'bigint' },
  { name: 'executor_memory_overhead_mb', type: 'bigint' },
  { name: 'executor_cores', type: 'bigint' },
  { name: 'executor_instances', type: 'bigint' },
  { name: 'driver_memory_mb', type: 'bigint' },
  { name: 'driver_cores', type: 'bigint' },
  { name: 'dynamic_allocation_enabled', type: 'boolean' },
  { name: 'dynamic_allocation_min_executors', type: 'bigint' },
  { name: 'dynamic_allocation_initial_executors', type: 'bigint' },
  { name: 'dynamic_allocation_max_executors', type: 'bigint' },
  { name: 'shuffle_partitions', type: 'bigint' },
  { name: 'aqe_enabled', type: 'boolean' },
  { name: 'offheap_size_mb', type: 'bigint' },
  { name: 'speculation_enabled', type: 'boolean' },
  { name: 'spark_conf', type: 'json' },
  { name: 'jobs_total', type: 'bigint' },
  { name: 'jobs_failed', type: 'bigint' },
  { name: 'stages_total', type: 'bigint' },
  { name: 'stages_failed', type: 'bigint' },
  { name: 'stage_attempts_retried', type: 'bigint' },
  { name: 'tasks_total', type: 'bigint' },
  { name: 'tasks_failed', type: 'bigint' },
  { name: 'tasks_killed', type: 'bigint' },
  { name: 'task_attempts_retried', type: 'bigint' },
  { name: 'memory_bytes_spilled', type: 'bigint' },
  { name: 'disk_bytes_spilled', type: 'bigint' },
  { name: 'stages_with_spill', type: 'bigint' },
  { name: 'max_task_skew_ratio', type: 'double' },
  { name: 'skew_stage_id', type: 'bigint' },
  { name: 'skew_stage_task_max_ms', type: 'bigint' },
  { name: 'max_shuffle_read_skew_ratio', type: 'double' },
  { name: 'fetch_failures', type: 'bigint' },
  { name: 'executor_lost_failures', type: 'bigint' },
  { name: 'oom_failures', type: 'bigint' },
  { name: 'failure_causes', type: 'json' },
  { name: 'job_duration_max_ms', type: 'bigint' },
  { name: 'stage_duration_max_ms', type: 'bigint' },
  { name: 'task_duration_p50_ms', type: 'bigint' },
  { name: 'task_duration_p95_ms', type: 'bigint' },
  { name: 'task_duration_max_ms', type: 'bigint' },
  { name: 'executor_run_time_ms', type: 'bigint' },
  { name: 'executor_cpu_time_ms', type: 'bigint' },
  { name: 'jvm_gc_time_ms', type: 'bigint' },
  { name: 'input_bytes', type: 'bigint' },
  { name: 'output_bytes', type: 'bigint' },
  { name: 'shuffle_read_bytes', type: 'bigint' },
  { name: 'shuffle_write_bytes', type: 'bigint' },
  { name: 'driver_only_time_ms', type: 'bigint' },
  { name: 'stage_profile', type: 'json' },
  { name: 'executors_added', type: 'bigint' },
  { name: 'executors_removed', type: 'bigint' },
  { name: 'executors_max_concurrent', type: 'bigint' },
  { name: 'executor_peak_jvm_heap_bytes', type: 'bigint' },
  { name: 'executor_peak_offheap_bytes', type: 'bigint' },
  { name: 'executor_peak_rss_bytes', type: 'bigint' },
  { name: 'driver_peak_jvm_heap_bytes', type: 'bigint' },
  { name: 'gc_time_ratio', type: 'double' },
  { name: 'executor_major_gc_time_ms', type: 'bigint' },
  { name: 'executor_core_ms_allocated', type: 'bigint' },
  { name: 'executor_core_ms_used', type: 'bigint' },
  { name: 'slot_utilization', type: 'double' },
  { name: 'executor_memory_mb_ms_allocated', type: 'bigint' },
  { name: 'metrics_quality', type: 'json' },
] as const satisfies readonly SummaryColumn[];

/** The Athena SQL type of a column (`json` columns are `varchar` holding JSON text). */
export function athenaType(type: SummaryColumnType): string {
  return type === 'json' ? 'varchar' : type;
}

type Missing = Exclude<keyof ApplicationSummary, (typeof SUMMARY_COLUMNS)[number]['name']>;
/** Compile-time check: a field added to ApplicationSummary without a column here is a type error. */
export const ALL_FIELDS_HAVE_COLUMNS: Missing extends never ? true : Missing = true;
