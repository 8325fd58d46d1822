-- Raw Spark listener events, for teams that stream them (a SparkListener posting to Kinesis/Firehose/Kafka, as Slack
-- does) instead of keeping event logs: one row per application, job, stage, task or executor event, with only the
-- fields the summary needs. sql/aggregate_raw_events.sql turns these rows into summary rows (one per application
-- attempt) with the same definitions as the event-log summarizer.
--
-- Substitute before running in Athena:
--   ${database}       the Glue database, e.g. spark_tuner
--   ${raw_table}      the table name, e.g. spark_listener_events
--   ${raw_location}   where Iceberg keeps the table, e.g. s3://my-bucket/spark-tuner/listener-events/
--
-- What the listener writes (names in quotes are the event-log JSON keys, docs: ../shared/spark-events/README.md §6):
--   Every row
--     app_id, attempt_id   the application's "App ID" and "App Attempt ID" (SparkContext.applicationId /
--                          applicationAttemptId; attempt_id null when the cluster manager has no attempts), on
--                          every event, including those posted before SparkListenerApplicationStart
--     seq                  the event's position in the attempt's listener bus (0, 1, 2, …): order matters for
--                          "first/last" rules (last job result, executor concurrency, driver-only time)
--     event_type           Spark's event class name as in event logs ("Event"), e.g. SparkListenerTaskEnd; the
--                          aggregation reads SparkListenerLogStart, DBCEventLoggingListenerMetadata,
--                          SparkListenerEnvironmentUpdate, SparkListenerApplicationStart/End, SparkListenerJobStart/End,
--                          SparkListenerStageSubmitted/Completed, SparkListenerTaskStart/End,
--                          SparkListenerExecutorAdded/Removed, SparkListenerStageExecutorMetrics and
--                          SparkListenerExecutorMetricsUpdate (the driver's heartbeats, for its peak memory)
--     event_time           partition column: the event's own time (below), else the last time seen before it
--   Times (epoch ms)
--     timestamp_ms         "Timestamp" of ApplicationStart/End and ExecutorAdded/Removed
--     submission_time_ms   JobStart "Submission Time"; StageSubmitted/StageCompleted "Stage Info"."Submission Time"
--     completion_time_ms   JobEnd "Completion Time"; StageCompleted "Stage Info"."Completion Time"
--     launch_time_ms       TaskStart/TaskEnd "Task Info"."Launch Time"
--     finish_time_ms       TaskEnd "Task Info"."Finish Time"
--   Application and environment
--     app_name, spark_user ApplicationStart "App Name", "User"
--     spark_version        LogStart / DBCEventLoggingListenerMetadata "Spark Version"
--     exit_code            ApplicationEnd "ExitCode" (Spark 4+)
--     spark_properties     EnvironmentUpdate "Spark Properties" (every property, unredacted: the aggregation
--                          redacts spark_conf as Spark does; restrict access to this table accordingly)
--     system_properties    EnvironmentUpdate "System Properties" (at least EMR_CLUSTER_ID when on EMR)
--     hadoop_properties    EnvironmentUpdate "Hadoop Properties" (at least yarn.resourcemanager.cluster-id,
--                          .hostname and .address)
--   Jobs and stages
--     job_id               JobStart/JobEnd "Job ID"
--     job_result           JobEnd "Job Result"."Result" (JobSucceeded, JobFailed)
--     failure_message      JobEnd "Job Result"."Exception"."Message"; StageCompleted "Stage Info"."Failure Reason"
--     stage_id, stage_attempt_id   StageSubmitted/StageCompleted "Stage Info"."Stage ID"/"Stage Attempt ID";
--                          TaskStart/TaskEnd/StageExecutorMetrics "Stage ID"/"Stage Attempt ID"
--   Tasks
--     task_id, task_attempt   "Task Info"."Task ID", "Attempt"
--     executor_id          "Task Info"."Executor ID"; ExecutorAdded/Removed/StageExecutorMetrics/ExecutorMetricsUpdate
--                          "Executor ID"
--     task_end_reason      TaskEnd "Task End Reason"."Reason" (Success, FetchFailed, ExceptionFailure,
--                          ExecutorLostFailure, TaskKilled, TaskCommitDenied, Resubmitted, …)
--     task_failed, task_killed   TaskEnd "Task Info"."Failed"/"Killed" (used when there is no "Task End Reason")
--     exception_class, exception_description, exception_stack_trace   ExceptionFailure "Class Name",
--                          "Description", "Full Stack Trace"
--     loss_reason          ExecutorLostFailure "Loss Reason"
--     executor_run_time_ms, executor_cpu_time_ns, jvm_gc_time_ms, memory_bytes_spilled, disk_bytes_spilled
--                          TaskEnd "Task Metrics": "Executor Run Time" (ms), "Executor CPU Time" (ns), "JVM GC Time",
--                          "Memory Bytes Spilled", "Disk Bytes Spilled"
--     shuffle_remote_bytes_read, shuffle_local_bytes_read   "Shuffle Read Metrics"."Remote Bytes Read"/"Local Bytes Read"
--     shuffle_bytes_written   "Shuffle Write Metrics"."Shuffle Bytes Written"
--     input_bytes_read, output_bytes_written   "Input Metrics"."Bytes Read", "Output Metrics"."Bytes Written"
--   Executors
--     total_cores          ExecutorAdded "Executor Info"."Total Cores"
--     removed_reason       ExecutorRemoved "Removed Reason"
--     jvm_heap_memory, jvm_offheap_memory, process_tree_jvm_rss_memory   peaks in bytes: TaskEnd "Task Executor
--                          Metrics", StageExecutorMetrics "Executor Metrics" and, for ExecutorMetricsUpdate, the max over
--                          its "Executor Metrics Updated"[*]."Executor Metrics" ("JVMHeapMemory", "JVMOffHeapMemory",
--                          "ProcessTreeJVMRSSMemory")
--     minor_gc_count, major_gc_count, major_gc_time_ms   "MinorGCCount", "MajorGCCount", "MajorGCTime" from the
--                          same metrics (Spark 3.0+; cumulative per executor JVM; for ExecutorMetricsUpdate the max
--                          over its updates), null when the metrics do not carry them
-- A field an event does not carry is null (absent metric blocks of old Spark versions too: the aggregation reads
-- them as 0, as the History Server does).
CREATE TABLE IF NOT EXISTS ${database}.${raw_table} (
  app_id string,
  attempt_id string,
  seq bigint,
  event_type string,
  event_time timestamp,
  timestamp_ms bigint,
  submission_time_ms bigint,
  completion_time_ms bigint,
  launch_time_ms bigint,
  finish_time_ms bigint,
  app_name string,
  spark_user string,
  spark_version string,
  exit_code bigint,
  spark_properties map<string,string>,
  system_properties map<string,string>,
  hadoop_properties map<string,string>,
  job_id bigint,
  job_result string,
  failure_message string,
  stage_id bigint,
  stage_attempt_id bigint,
  task_id bigint,
  task_attempt bigint,
  executor_id string,
  task_end_reason string,
  task_failed boolean,
  task_killed boolean,
  exception_class string,
  exception_description string,
  exception_stack_trace string,
  loss_reason string,
  executor_run_time_ms bigint,
  executor_cpu_time_ns bigint,
  jvm_gc_time_ms bigint,
  memory_bytes_spilled bigint,
  disk_bytes_spilled bigint,
  shuffle_remote_bytes_read bigint,
  shuffle_local_bytes_read bigint,
  shuffle_bytes_written bigint,
  input_bytes_read bigint,
  output_bytes_written bigint,
  total_cores bigint,
  removed_reason string,
  jvm_heap_memory bigint,
  jvm_offheap_memory bigint,
  process_tree_jvm_rss_memory bigint,
  minor_gc_count bigint,
  major_gc_count bigint,
  major_gc_time_ms bigint
)
PARTITIONED BY (day(event_time))
LOCATION '${raw_location}'
TBLPROPERTIES ('table_type' = 'ICEBERG', 'format' = 'parquet', 'write_compression' = 'zstd');
