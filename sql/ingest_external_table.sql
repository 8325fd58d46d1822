-- An external table over the ingest's output (`npx spark-tuner ingest --out s3://…`): JSON Lines files under
-- `<out>/dt=YYYY-MM-DD/<ids>.jsonl`, one object per application attempt (src/metrics/table-row.ts, toTableRow).
-- It is only read by sql/merge_ingest.sql, which copies it into the Iceberg summary table.
--
-- Substitute before running in Athena:
--   ${database}        the Glue database, e.g. spark_tuner
--   ${ingest_table}    the external table's name, e.g. spark_app_summary_ingest
--   ${ingest_location} the ingest's --out prefix, ending with a slash, e.g. s3://my-bucket/spark-tuner/ingest/
--
-- Same columns as the summary table (test/sql/ddl.test.ts checks both against src/metrics/summary-columns.ts), except:
-- start_time and end_time are bigint epoch milliseconds, as the ingest writes them, and spark_conf, failure_causes,
-- stage_profile and metrics_quality are strings holding JSON text. `dt` (the UTC day of start_time) is a string
-- partition found by partition projection, so no crawler or MSCK REPAIR is needed and new days appear by themselves.
-- Athena skips files whose names start with `_` or `.`; the ingest's bookkeeping (`_…`) is never read.
CREATE EXTERNAL TABLE IF NOT EXISTS ${database}.${ingest_table} (
  app_id string,
  attempt_id string,
  app_name string,
  spark_version string,
  `user` string,
  master string,
  start_time bigint,
  end_time bigint,
  duration_ms bigint,
  status string,
  failure_reason string,
  dag_id string,
  task_id string,
  run_id string,
  try_number bigint,
  cluster_id string,
  yarn_queue string,
  team string,
  executor_memory_mb bigint,
  executor_memory_overhead_mb bigint,
  executor_cores bigint,
  executor_instances bigint,
  driver_memory_mb bigint,
  driver_cores bigint,
  dynamic_allocation_enabled boolean,
  dynamic_allocation_min_executors bigint,
  dynamic_allocation_initial_executors bigint,
  dynamic_allocation_max_executors bigint,
  shuffle_partitions bigint,
  aqe_enabled boolean,
  offheap_size_mb bigint,
  speculation_enabled boolean,
  spark_conf string,
  jobs_total bigint,
  jobs_failed bigint,
  stages_total bigint,
  stages_failed bigint,
  stage_attempts_retried bigint,
  tasks_total bigint,
  tasks_failed bigint,
  tasks_killed bigint,
  task_attempts_retried bigint,
  memory_bytes_spilled bigint,
  disk_bytes_spilled bigint,
  stages_with_spill bigint,
  max_task_skew_ratio double,
  skew_stage_id bigint,
  skew_stage_task_max_ms bigint,
  max_shuffle_read_skew_ratio double,
  fetch_failures bigint,
  executor_lost_failures bigint,
  oom_failures bigint,
  failure_causes string,
  job_duration_max_ms bigint,
  stage_duration_max_ms bigint,
  task_duration_p50_ms bigint,
  task_duration_p95_ms bigint,
  task_duration_max_ms bigint,
  executor_run_time_ms bigint,
  executor_cpu_time_ms bigint,
  jvm_gc_time_ms bigint,
  input_bytes bigint,
  output_bytes bigint,
  shuffle_read_bytes bigint,
  shuffle_write_bytes bigint,
  driver_only_time_ms bigint,
  stage_profile string,
  executors_added bigint,
  executors_removed bigint,
  executors_max_concurrent bigint,
  executor_peak_jvm_heap_bytes bigint,
  executor_peak_offheap_bytes bigint,
  executor_peak_rss_bytes bigint,
  driver_peak_jvm_heap_bytes bigint,
  gc_time_ratio double,
  executor_major_gc_time_ms bigint,
  executor_core_ms_allocated bigint,
  executor_core_ms_used bigint,
  slot_utilization double,
  executor_memory_mb_ms_allocated bigint,
  metrics_quality string
)
PARTITIONED BY (dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${ingest_location}'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2015-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS'
);
