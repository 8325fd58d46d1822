-- The reference aggregation: raw listener events (sql/raw_events_table.sql) → one summary row per application
-- attempt, merged into the Iceberg summary table (sql/summary_table.sql) keyed by (app_id, attempt_id), so it can run
-- on a schedule: attempts still running are updated, finished ones inserted once.
-- Same definitions as the event-log summarizer (src/metrics/eventlog/*, the History Server's counting rules);
-- test/sql/aggregate-raw-events.test.ts runs this file (through DuckDB) on every real log in ../shared/spark-events
-- and compares it with `summarize`, field by field.
--
-- Substitute before running in Athena:
--   ${database}    the Glue database, e.g. spark_tuner
--   ${table}       the Iceberg summary table, e.g. spark_app_summary
--   ${raw_table}   the raw listener-event table, e.g. spark_listener_events
--   ${since_day}   YYYY-MM-DD: attempts with an event on or after this day are (re)aggregated from all their events
--
-- Not reproduced here (README "The data model (Athena/Iceberg)" lists them too):
--   metrics_quality   the summarizer's plain-language notes need facts SQL does not keep; this writes one note
--                     saying the row was aggregated from raw events
--   failure_reason, failure_causes   not redacted (the summarizer masks secrets quoted in exception texts with
--                     Spark's redaction patterns); causes with equal counts sort by code point, not by locale
--   dag_id, task_id   the summarizer's optional app-name pattern (SPARK_TUNER app-name linkage) is not applied;
--                     spark.airflow.*, OpenLineage and YARN-tag linkage are
--   task_duration_p50_ms/p95_ms   always exact here; the summarizer switches to a 0.025 % histogram past 262,144
--                     successful tasks
--   skew (max_task_skew_ratio, skew_stage_id, skew_stage_task_max_ms, max_shuffle_read_skew_ratio)   counts every successful task of a
--                     stage attempt, also one whose end arrives after its stage attempt completed and all its other
--                     tasks ended (the summarizer has closed the stage by then)
--   stage_profile's task_ms_p50/p95 and max_running   the same: a task end that arrives after its stage attempt
--                     was closed counts here, not in the summarizer (its tasks, task_ms_sum/max and bytes count in both)
--   spark_conf        a spark.redaction.regex that Java accepts and JavaScript does not makes the summarizer redact
--                     every value; here the query fails instead
MERGE INTO ${database}.${table} AS t
USING (
  WITH
  attempts AS (
    SELECT DISTINCT app_id, coalesce(attempt_id, '') AS attempt_key
    FROM ${database}.${raw_table}
    WHERE event_time >= TIMESTAMP '${since_day} 00:00:00'
  ),
  ev AS (
    SELECT e.*, a.attempt_key
    FROM ${database}.${raw_table} AS e
    JOIN attempts AS a ON a.app_id = e.app_id AND a.attempt_key = coalesce(e.attempt_id, '')
  ),
  -- 1. Application, properties, configuration, linkage
  app_start AS (
    SELECT app_id, attempt_key, attempt_id, app_name, spark_user, timestamp_ms AS start_ms
    FROM (
      SELECT ev.*, row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY seq) AS n
      FROM ev WHERE event_type = 'SparkListenerApplicationStart'
    ) AS s
    WHERE n = 1
  ),
  app_end AS (
    SELECT app_id, attempt_key,
      max(CASE WHEN by_time = 1 THEN timestamp_ms END) AS end_ms,
      max(CASE WHEN from_last = 1 THEN exit_code END) AS exit_code
    FROM (
      SELECT app_id, attempt_key, timestamp_ms, exit_code,
        row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY seq DESC) AS from_last,
        row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY timestamp_ms IS NULL, seq DESC) AS by_time
      FROM ev WHERE event_type = 'SparkListenerApplicationEnd'
    ) AS e
    GROUP BY app_id, attempt_key
  ),
  version AS (
    SELECT app_id, attempt_key, spark_version
    FROM (
      SELECT app_id, attempt_key, spark_version, row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY seq) AS n
      FROM ev
      WHERE event_type IN ('SparkListenerLogStart', 'DBCEventLoggingListenerMetadata') AND trim(spark_version) <> ''
    ) AS v
    WHERE n = 1
  ),
  -- Every EnvironmentUpdate extends the earlier ones: per property, the latest value wins.
  prop AS (
    SELECT app_id, attempt_key, scope, k, v
    FROM (
      SELECT app_id, attempt_key, scope, k, v, row_number() OVER (PARTITION BY app_id, attempt_key, scope, k ORDER BY seq DESC) AS n
      FROM (
        SELECT ev.app_id, ev.attempt_key, ev.seq, 'spark' AS scope, p.k, ev.spark_properties[p.k] AS v
        FROM ev CROSS JOIN UNNEST(map_keys(ev.spark_properties)) AS p (k)
        WHERE ev.event_type = 'SparkListenerEnvironmentUpdate'
        UNION ALL
        SELECT ev.app_id, ev.attempt_key, ev.seq, 'system' AS scope, p.k, ev.system_properties[p.k] AS v
        FROM ev CROSS JOIN UNNEST(map_keys(ev.system_properties)) AS p (k)
        WHERE ev.event_type = 'SparkListenerEnvironmentUpdate'
        UNION ALL
        SELECT ev.app_id, ev.attempt_key, ev.seq, 'hadoop' AS scope, p.k, ev.hadoop_properties[p.k] AS v
        FROM ev CROSS JOIN UNNEST(map_keys(ev.hadoop_properties)) AS p (k)
        WHERE ev.event_type = 'SparkListenerEnvironmentUpdate'
      ) AS all_props
    ) AS latest
    WHERE n = 1
  ),
  prop_text AS (
    SELECT app_id, attempt_key, scope, k, v,
      -- a redacted value counts as absent
      CASE WHEN v <> '*********(redacted)' THEN v END AS plain,
      -- linkage and team values: trimmed, non-empty, not redacted
      CASE WHEN trim(v) <> '' AND trim(v) <> '*********(redacted)' THEN trim(v) END AS named,
      -- cluster ids: trimmed, not a wildcard/loopback address, an unresolved ${…} or a mask
      CASE WHEN trim(v) <> '' AND NOT regexp_like(trim(v), '(?i)^(?:0\.0\.0\.0|localhost|127\.\d+\.\d+\.\d+|\[?::1?\]?)$|\$\{|\*{3}') THEN trim(v) END AS host,
      try_cast(regexp_extract(v, '\d+') AS bigint) AS digits,
      lower(coalesce(regexp_extract(v, '[a-zA-Z]+'), '')) AS unit
    FROM prop
  ),
  prop_value AS (
    SELECT app_id, attempt_key, scope, k, plain, named, host,
      CASE WHEN regexp_like(plain, '^\s*\d+\s*$') AND digits <= 9007199254740991 THEN digits END AS count_value,
      CASE lower(trim(plain)) WHEN 'true' THEN true WHEN 'false' THEN false END AS flag_value,
      -- Spark memory strings: a bare number is MiB; fractions are refused; parts of a MiB round down
      CASE WHEN regexp_like(plain, '^\s*\d+\s*[a-zA-Z]*\s*$') THEN CAST(
        CASE unit
          WHEN '' THEN digits WHEN 'm' THEN digits WHEN 'mb' THEN digits
          WHEN 'g' THEN digits * 1024 WHEN 'gb' THEN digits * 1024
          WHEN 't' THEN digits * 1048576 WHEN 'tb' THEN digits * 1048576
          WHEN 'p' THEN digits * 1073741824 WHEN 'pb' THEN digits * 1073741824
          WHEN 'k' THEN floor(digits / 1024e0) WHEN 'kb' THEN floor(digits / 1024e0)
          WHEN 'b' THEN floor(digits / 1048576e0)
        END AS bigint) END AS memory_mb,
      -- spark.memory.offHeap.size takes bytes when it has no unit
      CASE WHEN regexp_like(plain, '^\s*\d+\s*$') THEN CAST(floor(digits / 1048576e0) AS bigint) END AS bare_bytes_mb,
      CASE WHEN host IS NOT NULL AND trim(regexp_replace(host, ':\d+$', '')) <> ''
        AND NOT regexp_like(trim(regexp_replace(host, ':\d+$', '')), '(?i)^(?:0\.0\.0\.0|localhost|127\.\d+\.\d+\.\d+|\[?::1?\]?)$|\$\{|\*{3}')
        THEN trim(regexp_replace(host, ':\d+$', '')) END AS host_without_port
    FROM prop_text
  ),
  conf AS (
    SELECT app_id, attempt_key,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.master') AS master,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.yarn.queue') AS yarn_queue,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.app.name') AS conf_app_name,
      max(memory_mb) FILTER (WHERE scope = 'spark' AND k = 'spark.executor.memory') AS executor_memory_mb,
      CASE WHEN max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.executor.memoryOverhead') IS NOT NULL
        THEN max(memory_mb) FILTER (WHERE scope = 'spark' AND k = 'spark.executor.memoryOverhead')
        ELSE max(memory_mb) FILTER (WHERE scope = 'spark' AND k = 'spark.yarn.executor.memoryOverhead') END AS executor_memory_overhead_mb,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.executor.cores') AS executor_cores,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.executor.instances') AS executor_instances,
      max(memory_mb) FILTER (WHERE scope = 'spark' AND k = 'spark.driver.memory') AS driver_memory_mb,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.driver.cores') AS driver_cores,
      bool_or(flag_value) FILTER (WHERE scope = 'spark' AND k = 'spark.dynamicAllocation.enabled') AS dynamic_allocation_enabled,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.dynamicAllocation.minExecutors') AS dynamic_allocation_min_executors,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.dynamicAllocation.initialExecutors') AS dynamic_allocation_initial_executors,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.dynamicAllocation.maxExecutors') AS dynamic_allocation_max_executors,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.sql.shuffle.partitions') AS shuffle_partitions,
      bool_or(flag_value) FILTER (WHERE scope = 'spark' AND k = 'spark.sql.adaptive.enabled') AS aqe_enabled,
      bool_or(flag_value) FILTER (WHERE scope = 'spark' AND k = 'spark.memory.offHeap.enabled') AS offheap_enabled,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.memory.offHeap.size') AS offheap_size,
      coalesce(max(bare_bytes_mb) FILTER (WHERE scope = 'spark' AND k = 'spark.memory.offHeap.size'),
        max(memory_mb) FILTER (WHERE scope = 'spark' AND k = 'spark.memory.offHeap.size')) AS offheap_size_mb,
      bool_or(flag_value) FILTER (WHERE scope = 'spark' AND k = 'spark.speculation') AS speculation_enabled,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.redaction.regex') AS redaction_regex,
      -- Airflow linkage sources, in order: spark.airflow.*, OpenLineage parent job, YARN tags
      max(named) FILTER (WHERE scope = 'spark' AND k = 'spark.airflow.dag_id') AS airflow_dag_id,
      max(named) FILTER (WHERE scope = 'spark' AND k = 'spark.airflow.task_id') AS airflow_task_id,
      max(named) FILTER (WHERE scope = 'spark' AND k = 'spark.airflow.run_id') AS airflow_run_id,
      max(count_value) FILTER (WHERE scope = 'spark' AND k = 'spark.airflow.try_number') AS airflow_try_number,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.openlineage.parentJobName') AS ol_job,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.openlineage.rootParentJobName') AS ol_root,
      max(named) FILTER (WHERE scope = 'spark' AND k = 'spark.openlineage.parentRunId') AS ol_run_id,
      max(plain) FILTER (WHERE scope = 'spark' AND k = 'spark.yarn.tags') AS yarn_tags,
      max(named) FILTER (WHERE scope = 'spark' AND k = 'spark.airflow.team') AS airflow_team,
      max(named) FILTER (WHERE scope = 'spark' AND k = 'spark.airflow.owner') AS airflow_owner,
      -- cluster identity
      max(host) FILTER (WHERE scope = 'spark' AND k = 'spark.databricks.clusterUsageTags.clusterId') AS databricks_cluster,
      max(host) FILTER (WHERE scope = 'system' AND k = 'EMR_CLUSTER_ID') AS emr_cluster,
      coalesce(max(host) FILTER (WHERE scope = 'spark' AND k = 'spark.hadoop.yarn.resourcemanager.cluster-id'),
        max(host) FILTER (WHERE scope = 'hadoop' AND k = 'yarn.resourcemanager.cluster-id')) AS rm_cluster_id,
      coalesce(max(host) FILTER (WHERE scope = 'spark' AND k = 'spark.hadoop.yarn.resourcemanager.hostname'),
        max(host) FILTER (WHERE scope = 'hadoop' AND k = 'yarn.resourcemanager.hostname')) AS rm_hostname,
      CASE WHEN max(host) FILTER (WHERE scope = 'spark' AND k = 'spark.hadoop.yarn.resourcemanager.address') IS NOT NULL
        THEN max(host_without_port) FILTER (WHERE scope = 'spark' AND k = 'spark.hadoop.yarn.resourcemanager.address')
        ELSE max(host_without_port) FILTER (WHERE scope = 'hadoop' AND k = 'yarn.resourcemanager.address') END AS rm_address_host,
      max(host) FILTER (WHERE scope = 'spark' AND k = 'spark.kubernetes.namespace') AS k8s_namespace
    FROM prop_value
    GROUP BY app_id, attempt_key
  ),
  linkage AS (
    SELECT c.*,
      CASE WHEN ol_job IS NULL THEN NULL
        WHEN ol_root IS NOT NULL AND starts_with(ol_job, ol_root || '.') THEN length(ol_root)
        ELSE strpos(ol_job, '.') - 1 END AS ol_split,
      nullif(trim(regexp_extract(yarn_tags, '(?i)^(?:.*,)?\s*dag_id\s*[:=]\s*([^,]*)', 1)), '') AS yarn_dag_id,
      nullif(trim(regexp_extract(yarn_tags, '(?i)^(?:.*,)?\s*task_id\s*[:=]\s*([^,]*)', 1)), '') AS yarn_task_id,
      nullif(trim(regexp_extract(yarn_tags, '(?i)^(?:.*,)?\s*run_id\s*[:=]\s*([^,]*)', 1)), '') AS yarn_run_id,
      nullif(trim(regexp_extract(yarn_tags, '(?i)^(?:.*,)?\s*try_number\s*[:=]\s*([^,]*)', 1)), '') AS yarn_try_text,
      nullif(trim(regexp_extract(yarn_tags, '(?i)(?:^|,)\s*team\s*[:=]\s*([^,]*)', 1)), '') AS yarn_team
    FROM conf AS c
  ),
  linkage_named AS (
    SELECT l.*,
      CASE WHEN ol_split > 0 AND trim(substr(ol_job, 1, ol_split)) <> '' THEN trim(substr(ol_job, 1, ol_split)) END AS ol_dag_id,
      CASE WHEN ol_split > 0 AND trim(substr(ol_job, ol_split + 2)) <> '' THEN trim(substr(ol_job, ol_split + 2)) END AS ol_task_id
    FROM linkage AS l
  ),
  conf_json AS (
    SELECT p.app_id, p.attempt_key,
      json_format(CAST(map_agg(p.k, CASE
        WHEN regexp_like(p.k, '(?i)secret|password|token|access[.]key') OR regexp_like(p.v, '(?i)secret|password|token|access[.]key')
          OR (c.redaction_regex IS NOT NULL AND (regexp_like(p.k, c.redaction_regex) OR regexp_like(p.v, c.redaction_regex)))
        THEN '*********(redacted)' ELSE p.v END) AS JSON)) AS spark_conf
    FROM prop AS p
    JOIN conf AS c ON c.app_id = p.app_id AND c.attempt_key = p.attempt_key
    WHERE p.scope = 'spark'
    GROUP BY p.app_id, p.attempt_key
  ),
  -- 2. Jobs: counted from JobEnd events, plus jobs started and never ended
  job_events AS (
    SELECT app_id, attempt_key, seq, event_type, job_id, completion_time_ms, job_result,
      lag(event_type) OVER (PARTITION BY app_id, attempt_key, job_id ORDER BY seq) AS prev_type,
      lag(submission_time_ms) OVER (PARTITION BY app_id, attempt_key, job_id ORDER BY seq) AS prev_submission,
      row_number() OVER (PARTITION BY app_id, attempt_key, job_id ORDER BY seq DESC) AS from_last
    FROM ev WHERE event_type IN ('SparkListenerJobStart', 'SparkListenerJobEnd')
  ),
  jobs AS (
    SELECT app_id, attempt_key,
      count(*) FILTER (WHERE event_type = 'SparkListenerJobEnd')
        + count(*) FILTER (WHERE event_type = 'SparkListenerJobStart' AND job_id IS NOT NULL AND from_last = 1) AS jobs_total,
      count(*) FILTER (WHERE event_type = 'SparkListenerJobEnd' AND coalesce(job_result, '') <> 'JobSucceeded') AS jobs_failed,
      max(completion_time_ms - prev_submission) FILTER (WHERE event_type = 'SparkListenerJobEnd' AND job_id IS NOT NULL
        AND prev_type = 'SparkListenerJobStart' AND completion_time_ms >= prev_submission) AS job_duration_max_ms
    FROM job_events
    GROUP BY app_id, attempt_key
  ),
  last_job AS (
    SELECT app_id, attempt_key,
      CASE WHEN job_result = 'JobSucceeded' THEN NULL
        ELSE coalesce(
          CASE WHEN length(first_line) > 500 THEN substr(first_line, 1, 499) || '…' ELSE first_line END,
          'job ' || CAST(coalesce(job_id, -1) AS varchar) || ' failed') END AS last_failure
    FROM (
      SELECT app_id, attempt_key, job_id, job_result,
        nullif(regexp_extract(failure_message, '\S(?:[^\n]*\S)?'), '') AS first_line,
        row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY seq DESC) AS n
      FROM ev WHERE event_type = 'SparkListenerJobEnd'
    ) AS j
    WHERE n = 1
  ),
  -- 3. Stage attempts that ran: (stage, attempt) pairs seen in stage or task events
  stage_attempts AS (
    SELECT app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0) AS stage_attempt,
      max(CASE WHEN event_type = 'SparkListenerTaskEnd'
        AND coalesce(memory_bytes_spilled, 0) + coalesce(disk_bytes_spilled, 0) > 0 THEN 1 ELSE 0 END) AS spilled
    FROM ev
    WHERE event_type IN ('SparkListenerStageSubmitted', 'SparkListenerStageCompleted', 'SparkListenerTaskStart', 'SparkListenerTaskEnd')
      AND stage_id IS NOT NULL
    GROUP BY app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0)
  ),
  stages AS (
    SELECT app_id, attempt_key, count(*) AS stages_total, count(*) FILTER (WHERE stage_attempt > 0) AS stage_attempts_retried,
      sum(spilled) AS stages_with_spill
    FROM stage_attempts
    GROUP BY app_id, attempt_key
  ),
  stage_ends AS (
    SELECT app_id, attempt_key,
      count(*) FILTER (WHERE failure_message IS NOT NULL) AS stages_failed,
      max(completion_time_ms - submission_time_ms) FILTER (WHERE completion_time_ms >= submission_time_ms) AS stage_duration_max_ms
    FROM ev WHERE event_type = 'SparkListenerStageCompleted'
    GROUP BY app_id, attempt_key
  ),
  -- 4. Task attempts (TaskEnd), classified as the History Server does
  task_ends AS (
    SELECT ev.*,
      coalesce(task_end_reason, CASE WHEN task_killed THEN 'TaskKilled' WHEN task_failed THEN 'UnknownReason' ELSE 'Success' END) AS reason,
      CASE WHEN launch_time_ms > 0 AND finish_time_ms >= launch_time_ms THEN finish_time_ms - launch_time_ms END AS wall_ms,
      coalesce(shuffle_remote_bytes_read, 0) + coalesce(shuffle_local_bytes_read, 0) AS shuffle_read,
      nullif(regexp_extract(coalesce(loss_reason, ''), '(?i)\bexit(?:ed)?(?: with)?(?: (?:code|status))?(?: is)?\s*[:=]?\s*(\d+)\b', 1), '') AS loss_exit_code,
      regexp_like(coalesce(loss_reason, ''), '(?i)OutOfMemoryError|exceeding\b[^.]{0,40}\bmemory limits?') AS loss_over_limit
    FROM ev WHERE event_type = 'SparkListenerTaskEnd'
  ),
  task_classes AS (
    SELECT te.*,
      CASE WHEN reason = 'Success' THEN 'succeeded' WHEN reason IN ('TaskKilled', 'TaskCommitDenied') THEN 'killed' ELSE 'failed' END AS outcome,
      CASE
        WHEN reason IN ('Success', 'TaskKilled', 'TaskCommitDenied') THEN NULL
        WHEN reason = 'ExecutorLostFailure' THEN 'ExecutorLostFailure' || CASE WHEN loss_over_limit THEN ' (exceeding memory limits)'
          WHEN loss_exit_code IS NOT NULL THEN ' (exit code ' || loss_exit_code || ')' ELSE '' END
        WHEN reason = 'ExceptionFailure' THEN 'ExceptionFailure: ' || coalesce(exception_class, 'unknown exception')
        ELSE reason END AS cause,
      CASE
        WHEN reason = 'ExceptionFailure' THEN regexp_like(
          concat_ws(chr(10), coalesce(exception_class, 'unknown exception'), coalesce(exception_description, ''), coalesce(exception_stack_trace, '')),
          '(?i)OutOfMemoryError|exceeding\b[^.]{0,40}\bmemory limits?')
        WHEN reason = 'ExecutorLostFailure' THEN loss_over_limit OR coalesce(loss_exit_code IN ('137', '143', '52'), false)
        ELSE false END AS oom
    FROM task_ends AS te
  ),
  tasks AS (
    SELECT app_id, attempt_key,
      count(*) AS tasks_total,
      count(*) FILTER (WHERE outcome = 'failed') AS tasks_failed,
      count(*) FILTER (WHERE outcome = 'killed') AS tasks_killed,
      count(*) FILTER (WHERE coalesce(task_attempt, 0) > 0) AS task_attempts_retried,
      count(*) FILTER (WHERE reason = 'FetchFailed') AS fetch_failures,
      count(*) FILTER (WHERE reason = 'ExecutorLostFailure') AS executor_lost_failures,
      count(*) FILTER (WHERE oom) AS oom_failures,
      sum(coalesce(executor_run_time_ms, 0)) AS run_ms,
      sum(coalesce(executor_cpu_time_ns, 0)) AS cpu_ns,
      sum(coalesce(jvm_gc_time_ms, 0)) AS gc_ms,
      sum(coalesce(memory_bytes_spilled, 0)) AS memory_bytes_spilled,
      sum(coalesce(disk_bytes_spilled, 0)) AS disk_bytes_spilled,
      sum(shuffle_read) AS shuffle_read_bytes,
      sum(coalesce(shuffle_bytes_written, 0)) AS shuffle_write_bytes,
      sum(coalesce(input_bytes_read, 0)) AS input_bytes,
      sum(coalesce(output_bytes_written, 0)) AS output_bytes,
      -- History Server quantile rule: over n ascending values, q is the value at index min(floor(q·n), n − 1)
      array_sort(array_agg(wall_ms) FILTER (WHERE outcome = 'succeeded' AND wall_ms IS NOT NULL)) AS durations,
      max(wall_ms) FILTER (WHERE outcome = 'succeeded') AS task_duration_max_ms
    FROM task_classes
    GROUP BY app_id, attempt_key
  ),
  causes AS (
    SELECT app_id, attempt_key, cause, count(*) AS n,
      row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY count(*) DESC, cause) AS cause_rank
    FROM task_classes WHERE cause IS NOT NULL
    GROUP BY app_id, attempt_key, cause
  ),
  cause_json AS (
    SELECT app_id, attempt_key,
      json_format(CAST(array_agg(CAST(ROW(cause, n) AS ROW(cause varchar, count bigint)) ORDER BY n DESC, cause) AS JSON)) AS failure_causes
    FROM causes WHERE cause_rank <= 5
    GROUP BY app_id, attempt_key
  ),
  -- Skew: per stage attempt, over its successful tasks (≥ 10 tasks): longest / median as measured (a 0 ms median counts
  -- as 1 ms); the stage reported is the most skewed one, comparing stages with medians under 1 s counted as 1 s and
  -- stages whose tasks all ran under 1 s last (by their ratio). Shuffle reads: medians raised to 1 MiB.
  stage_tasks AS (
    SELECT app_id, attempt_key, coalesce(stage_id, -1) AS stage_id, coalesce(stage_attempt_id, 0) AS stage_attempt,
      array_sort(array_agg(wall_ms)) AS durations, array_sort(array_agg(shuffle_read)) AS reads, max(seq) AS last_seq
    FROM task_classes WHERE outcome = 'succeeded' AND wall_ms IS NOT NULL
    GROUP BY app_id, attempt_key, coalesce(stage_id, -1), coalesce(stage_attempt_id, 0)
  ),
  stage_ratios AS (
    SELECT s.app_id, s.attempt_key, s.stage_id,
      CASE WHEN cardinality(durations) >= 10 THEN element_at(durations, cardinality(durations)) END AS duration_max,
      CASE WHEN cardinality(durations) >= 10
        THEN element_at(durations, CAST(least(floor(0.5 * cardinality(durations)), cardinality(durations) - 1) AS integer) + 1) END AS duration_median,
      CASE WHEN cardinality(reads) >= 10 AND element_at(reads, cardinality(reads)) >= 1048576
        THEN CAST(element_at(reads, cardinality(reads)) AS double)
          / greatest(element_at(reads, CAST(least(floor(0.5 * cardinality(reads)), cardinality(reads) - 1) AS integer) + 1), 1048576) END AS read_ratio,
      -- the order stage attempts close in (ties keep the first): completion, or their last task after it
      CASE WHEN c.completed_seq IS NULL THEN 1000000000000 + s.last_seq
        WHEN c.completed_seq > s.last_seq THEN c.completed_seq ELSE s.last_seq END AS close_order
    FROM stage_tasks AS s
    LEFT JOIN (
      SELECT app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0) AS stage_attempt, min(seq) AS completed_seq
      FROM ev WHERE event_type = 'SparkListenerStageCompleted' AND stage_id IS NOT NULL
      GROUP BY app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0)
    ) AS c ON c.app_id = s.app_id AND c.attempt_key = s.attempt_key AND c.stage_id = s.stage_id AND c.stage_attempt = s.stage_attempt
  ),
  stage_skew AS (
    SELECT r.*,
      CAST(duration_max AS double) / greatest(duration_median, 1) AS duration_ratio,
      CASE WHEN duration_max >= 1000 THEN 1 ELSE 0 END AS reaches_floor,
      CASE WHEN duration_max >= 1000 THEN CAST(duration_max AS double) / greatest(duration_median, 1000)
        ELSE CAST(duration_max AS double) / greatest(duration_median, 1) END AS duration_rank
    FROM stage_ratios AS r
  ),
  skew AS (
    SELECT app_id, attempt_key,
      max(CASE WHEN worst = 1 THEN duration_ratio END) AS max_task_skew_ratio,
      max(CASE WHEN worst = 1 AND duration_ratio IS NOT NULL THEN stage_id END) AS skew_stage_id,
      max(CASE WHEN worst = 1 THEN duration_max END) AS skew_stage_task_max_ms,
      max(read_ratio) AS max_shuffle_read_skew_ratio
    FROM (
      SELECT k.*, row_number() OVER (
        PARTITION BY app_id, attempt_key ORDER BY duration_ratio IS NULL, reaches_floor DESC, duration_rank DESC, close_order
      ) AS worst
      FROM stage_skew AS k
    ) AS ranked
    GROUP BY app_id, attempt_key
  ),
  -- Driver-only time: wall time with no task running, from task starts and the ends of tasks seen starting
  clock_starts AS (
    SELECT app_id, attempt_key, task_id, seq, coalesce(launch_time_ms, 0) AS at_ms,
      row_number() OVER (PARTITION BY app_id, attempt_key, task_id ORDER BY seq) AS n
    FROM ev WHERE event_type = 'SparkListenerTaskStart' AND task_id IS NOT NULL
  ),
  clock_ends AS (
    SELECT e.app_id, e.attempt_key, e.seq, coalesce(e.finish_time_ms, e.launch_time_ms, 0) AS at_ms,
      row_number() OVER (PARTITION BY e.app_id, e.attempt_key, e.task_id ORDER BY e.seq) AS n
    FROM ev AS e
    JOIN clock_starts AS s ON s.app_id = e.app_id AND s.attempt_key = e.attempt_key AND s.task_id = e.task_id AND s.n = 1 AND s.seq < e.seq
    WHERE e.event_type = 'SparkListenerTaskEnd' AND coalesce(e.task_end_reason, '') <> 'Resubmitted'
  ),
  clock_steps AS (
    SELECT app_id, attempt_key, seq, at_ms, delta,
      sum(delta) OVER (PARTITION BY app_id, attempt_key ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
      lag(at_ms) OVER (PARTITION BY app_id, attempt_key ORDER BY seq) AS prev_ms,
      row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY seq) AS step,
      row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY seq DESC) AS step_from_last
    FROM (
      SELECT app_id, attempt_key, seq, at_ms, 1 AS delta FROM clock_starts WHERE n = 1
      UNION ALL
      SELECT app_id, attempt_key, seq, at_ms, -1 AS delta FROM clock_ends WHERE n = 1
    ) AS steps
  ),
  clock AS (
    SELECT app_id, attempt_key,
      max(CASE WHEN step = 1 THEN at_ms END) AS first_launch_ms,
      sum(CASE WHEN delta = 1 AND running = 1 AND step > 1 AND at_ms > prev_ms THEN at_ms - prev_ms ELSE 0 END) AS idle_between_ms,
      max(CASE WHEN step_from_last = 1 THEN running END) AS running_at_end,
      max(CASE WHEN step_from_last = 1 THEN at_ms END) AS idle_since_ms
    FROM clock_steps
    GROUP BY app_id, attempt_key
  ),
  -- Stage profile (src/metrics/eventlog/stage-profile-build.ts): per stage attempt its times, task time and spread
  -- over the task attempts with both times (a Resubmitted end is not a run), the most running at once and bytes;
  -- the 100 attempts with the most task time are kept, in submission order; the 50 longest driver-only gaps
  profile_tasks AS (
    SELECT app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0) AS stage_attempt,
      count(*) FILTER (WHERE reason <> 'Resubmitted') AS tasks,
      count(wall_ms) FILTER (WHERE reason <> 'Resubmitted') AS measured,
      coalesce(sum(wall_ms) FILTER (WHERE reason <> 'Resubmitted'), 0) AS task_ms_sum,
      max(wall_ms) FILTER (WHERE reason <> 'Resubmitted') AS task_ms_max,
      array_sort(array_agg(wall_ms) FILTER (WHERE reason <> 'Resubmitted' AND wall_ms IS NOT NULL)) AS durations,
      min(launch_time_ms) FILTER (WHERE reason <> 'Resubmitted' AND wall_ms IS NOT NULL) AS first_launch_ms,
      max(finish_time_ms) FILTER (WHERE reason <> 'Resubmitted' AND wall_ms IS NOT NULL) AS last_finish_ms,
      sum(coalesce(input_bytes_read, 0)) AS input_bytes,
      sum(shuffle_read) AS shuffle_read_bytes,
      sum(coalesce(shuffle_bytes_written, 0)) AS shuffle_write_bytes
    FROM task_ends WHERE stage_id IS NOT NULL
    GROUP BY app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0)
  ),
  -- the most tasks at once: a sweep over [launch, finish), an end at t before a start at t; 0 ms tasks take no moment
  profile_running AS (
    SELECT app_id, attempt_key, stage_id, stage_attempt, max(running) AS max_running
    FROM (
      SELECT app_id, attempt_key, stage_id, stage_attempt,
        sum(delta) OVER (PARTITION BY app_id, attempt_key, stage_id, stage_attempt ORDER BY at_ms, delta
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
      FROM (
        SELECT app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0) AS stage_attempt, launch_time_ms AS at_ms, 1 AS delta
        FROM task_ends WHERE stage_id IS NOT NULL AND reason <> 'Resubmitted' AND wall_ms > 0
        UNION ALL
        SELECT app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0) AS stage_attempt, finish_time_ms AS at_ms, -1 AS delta
        FROM task_ends WHERE stage_id IS NOT NULL AND reason <> 'Resubmitted' AND wall_ms > 0
      ) AS steps
    ) AS swept
    GROUP BY app_id, attempt_key, stage_id, stage_attempt
  ),
  profile_stage_times AS (
    SELECT app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0) AS stage_attempt,
      min(submission_time_ms) FILTER (WHERE submission_time_ms > 0) AS submitted_ms,
      max(completion_time_ms) FILTER (WHERE event_type = 'SparkListenerStageCompleted' AND completion_time_ms > 0) AS completed_ms
    FROM ev
    WHERE event_type IN ('SparkListenerStageSubmitted', 'SparkListenerStageCompleted') AND stage_id IS NOT NULL
    GROUP BY app_id, attempt_key, stage_id, coalesce(stage_attempt_id, 0)
  ),
  -- times as ms since the application's start, clipped to [0, duration] ([0, ∞) while the end is unknown)
  profile_stages AS (
    SELECT t.app_id, t.attempt_key, t.stage_id, t.stage_attempt, t.tasks, t.task_ms_sum, t.task_ms_max, t.durations,
      t.input_bytes, t.shuffle_read_bytes, t.shuffle_write_bytes, greatest(1, coalesce(r.max_running, 0)) AS max_running,
      CASE WHEN e.end_ms IS NULL THEN greatest(0, coalesce(st.submitted_ms, t.first_launch_ms) - a.start_ms)
        ELSE least(greatest(0, coalesce(st.submitted_ms, t.first_launch_ms) - a.start_ms), greatest(0, e.end_ms - a.start_ms)) END AS submit_ms,
      CASE WHEN e.end_ms IS NULL THEN greatest(0, coalesce(st.completed_ms, t.last_finish_ms) - a.start_ms)
        ELSE least(greatest(0, coalesce(st.completed_ms, t.last_finish_ms) - a.start_ms), greatest(0, e.end_ms - a.start_ms)) END AS complete_ms,
      row_number() OVER (PARTITION BY t.app_id, t.attempt_key ORDER BY t.task_ms_sum DESC, t.stage_id, t.stage_attempt) AS time_rank
    FROM profile_tasks AS t
    JOIN app_start AS a ON a.app_id = t.app_id AND a.attempt_key = t.attempt_key
    LEFT JOIN app_end AS e ON e.app_id = t.app_id AND e.attempt_key = t.attempt_key
    LEFT JOIN profile_running AS r ON r.app_id = t.app_id AND r.attempt_key = t.attempt_key AND r.stage_id = t.stage_id AND r.stage_attempt = t.stage_attempt
    LEFT JOIN profile_stage_times AS st ON st.app_id = t.app_id AND st.attempt_key = t.attempt_key AND st.stage_id = t.stage_id AND st.stage_attempt = t.stage_attempt
    WHERE t.measured > 0 AND a.start_ms IS NOT NULL
  ),
  profile_stage_json AS (
    SELECT app_id, attempt_key,
      json_format(CAST(array_agg(CAST(ROW(stage_id, stage_attempt, submit_ms, greatest(submit_ms, complete_ms), tasks, task_ms_sum,
          element_at(durations, CAST(least(floor(0.5 * cardinality(durations)), cardinality(durations) - 1) AS integer) + 1),
          element_at(durations, CAST(least(floor(0.95 * cardinality(durations)), cardinality(durations) - 1) AS integer) + 1),
          task_ms_max, max_running, input_bytes, shuffle_read_bytes, shuffle_write_bytes)
        AS ROW(stage_id bigint, attempt_id bigint, submit_ms bigint, complete_ms bigint, tasks bigint, task_ms_sum bigint,
          task_ms_p50 bigint, task_ms_p95 bigint, task_ms_max bigint, max_running bigint, input_bytes bigint,
          shuffle_read_bytes bigint, shuffle_write_bytes bigint))
        ORDER BY submit_ms, stage_id, stage_attempt) FILTER (WHERE time_rank <= 100) AS JSON)) AS stages,
      count(*) FILTER (WHERE time_rank <= 100) AS kept,
      coalesce(sum(task_ms_sum) FILTER (WHERE time_rank > 100), 0) AS omitted_task_ms
    FROM profile_stages
    GROUP BY app_id, attempt_key
  ),
  -- driver-only gaps (epoch ms): before the first task (the whole run when none started), between busy periods, after
  -- the last task when the end is known and none is still running; the 50 longest (earlier first among equals)
  profile_gaps AS (
    SELECT app_id, attempt_key, from_ms, to_ms,
      row_number() OVER (PARTITION BY app_id, attempt_key ORDER BY to_ms - from_ms DESC, from_ms) AS length_rank
    FROM (
      SELECT app_id, attempt_key, prev_ms AS from_ms, at_ms AS to_ms
      FROM clock_steps WHERE delta = 1 AND running = 1 AND step > 1 AND at_ms > prev_ms
      UNION ALL
      SELECT a.app_id, a.attempt_key, a.start_ms AS from_ms, coalesce(ck.first_launch_ms, e.end_ms) AS to_ms
      FROM app_start AS a
      LEFT JOIN clock AS ck ON ck.app_id = a.app_id AND ck.attempt_key = a.attempt_key
      LEFT JOIN app_end AS e ON e.app_id = a.app_id AND e.attempt_key = a.attempt_key
      WHERE coalesce(ck.first_launch_ms, e.end_ms) > a.start_ms
      UNION ALL
      SELECT ck.app_id, ck.attempt_key, ck.idle_since_ms AS from_ms, e.end_ms AS to_ms
      FROM clock AS ck
      JOIN app_end AS e ON e.app_id = ck.app_id AND e.attempt_key = ck.attempt_key
      WHERE ck.running_at_end = 0 AND e.end_ms > ck.idle_since_ms
    ) AS gaps
  ),
  profile_gap_json AS (
    SELECT g.app_id, g.attempt_key,
      json_format(CAST(array_agg(ARRAY[g.from_rel, g.to_rel] ORDER BY g.from_ms, g.to_ms) AS JSON)) AS driver_only
    FROM (
      SELECT p.app_id, p.attempt_key, p.from_ms, p.to_ms,
        CASE WHEN e.end_ms IS NULL THEN greatest(0, p.from_ms - a.start_ms)
          ELSE least(greatest(0, p.from_ms - a.start_ms), greatest(0, e.end_ms - a.start_ms)) END AS from_rel,
        CASE WHEN e.end_ms IS NULL THEN greatest(0, p.to_ms - a.start_ms)
          ELSE least(greatest(0, p.to_ms - a.start_ms), greatest(0, e.end_ms - a.start_ms)) END AS to_rel
      FROM profile_gaps AS p
      JOIN app_start AS a ON a.app_id = p.app_id AND a.attempt_key = p.attempt_key
      LEFT JOIN app_end AS e ON e.app_id = p.app_id AND e.attempt_key = p.attempt_key
      WHERE p.length_rank <= 50
    ) AS g
    WHERE g.to_rel > g.from_rel
    GROUP BY g.app_id, g.attempt_key
  ),
  profile_json AS (
    SELECT s.app_id, s.attempt_key,
      '{"version":1,"stages":' || s.stages || ',"driver_only":' || coalesce(g.driver_only, '[]')
        || ',"omitted_stages":' || CAST(st.stages_total - s.kept AS varchar)
        || ',"omitted_task_ms":' || CAST(s.omitted_task_ms AS varchar) || '}' AS stage_profile
    FROM profile_stage_json AS s
    JOIN stages AS st ON st.app_id = s.app_id AND st.attempt_key = s.attempt_key
    LEFT JOIN profile_gap_json AS g ON g.app_id = s.app_id AND g.attempt_key = s.attempt_key
  ),
  -- 5. Executors (the driver is never counted as one) and their peak memory
  executor_added AS (
    SELECT app_id, attempt_key, executor_id, seq AS added_seq, timestamp_ms AS added_ms, coalesce(total_cores, 0) AS cores
    FROM (
      SELECT ev.*, row_number() OVER (PARTITION BY app_id, attempt_key, executor_id ORDER BY seq) AS n
      FROM ev WHERE event_type = 'SparkListenerExecutorAdded' AND executor_id IS NOT NULL
    ) AS a
    WHERE n = 1
  ),
  executor_life AS (
    SELECT a.*, r.removed_seq, coalesce(r.timestamp_ms, a.added_ms, 0) AS removed_ms
    FROM executor_added AS a
    LEFT JOIN (
      SELECT e.app_id, e.attempt_key, e.executor_id, e.seq AS removed_seq, e.timestamp_ms,
        row_number() OVER (PARTITION BY e.app_id, e.attempt_key, e.executor_id ORDER BY e.seq) AS n
      FROM ev AS e
      JOIN executor_added AS x ON x.app_id = e.app_id AND x.attempt_key = e.attempt_key AND x.executor_id = e.executor_id AND x.added_seq < e.seq
      WHERE e.event_type = 'SparkListenerExecutorRemoved'
    ) AS r ON r.app_id = a.app_id AND r.attempt_key = a.attempt_key AND r.executor_id = a.executor_id AND r.n = 1
  ),
  executor_counts AS (
    SELECT app_id, attempt_key,
      count(*) AS executors_known,
      count(*) FILTER (WHERE executor_id <> 'driver') AS executors_added,
      count(*) FILTER (WHERE executor_id <> 'driver' AND removed_seq IS NOT NULL) AS executors_removed
    FROM executor_life
    GROUP BY app_id, attempt_key
  ),
  concurrency AS (
    SELECT app_id, attempt_key, max(active) AS executors_max_concurrent
    FROM (
      SELECT app_id, attempt_key,
        sum(delta) OVER (PARTITION BY app_id, attempt_key ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS active
      FROM (
        SELECT app_id, attempt_key, added_seq AS seq, 1 AS delta FROM executor_life WHERE executor_id <> 'driver'
        UNION ALL
        SELECT app_id, attempt_key, removed_seq AS seq, -1 AS delta FROM executor_life WHERE executor_id <> 'driver' AND removed_seq IS NOT NULL
      ) AS changes
    ) AS running
    GROUP BY app_id, attempt_key
  ),
  latest AS (
    SELECT app_id, attempt_key, max(CASE WHEN at_ms > 0 THEN at_ms END) AS latest_ms
    FROM (
      SELECT app_id, attempt_key, CASE
        WHEN event_type IN ('SparkListenerApplicationStart', 'SparkListenerApplicationEnd', 'SparkListenerExecutorAdded', 'SparkListenerExecutorRemoved') THEN timestamp_ms
        WHEN event_type IN ('SparkListenerJobStart', 'SparkListenerStageSubmitted') THEN submission_time_ms
        WHEN event_type IN ('SparkListenerJobEnd', 'SparkListenerStageCompleted') THEN completion_time_ms
        WHEN event_type = 'SparkListenerTaskStart' THEN launch_time_ms
        WHEN event_type = 'SparkListenerTaskEnd' THEN finish_time_ms END AS at_ms
      FROM ev
    ) AS times
    GROUP BY app_id, attempt_key
  ),
  allocation AS (
    SELECT x.app_id, x.attempt_key,
      count(*) FILTER (WHERE coalesce(x.added_ms, s.start_ms) IS NULL) AS without_start,
      sum(greatest(0, CASE WHEN x.removed_seq IS NOT NULL THEN x.removed_ms ELSE coalesce(e.end_ms, l.latest_ms) END - coalesce(x.added_ms, s.start_ms)) * x.cores) AS core_ms,
      sum(greatest(0, CASE WHEN x.removed_seq IS NOT NULL THEN x.removed_ms ELSE coalesce(e.end_ms, l.latest_ms) END - coalesce(x.added_ms, s.start_ms)))
        FILTER (WHERE x.executor_id <> 'driver') AS executor_ms,
      max(coalesce(e.end_ms, l.latest_ms)) AS alloc_end_ms
    FROM executor_life AS x
    JOIN app_start AS s ON s.app_id = x.app_id AND s.attempt_key = x.attempt_key
    LEFT JOIN app_end AS e ON e.app_id = x.app_id AND e.attempt_key = x.attempt_key
    LEFT JOIN latest AS l ON l.app_id = x.app_id AND l.attempt_key = x.attempt_key
    GROUP BY x.app_id, x.attempt_key
  ),
  peaks AS (
    SELECT app_id, attempt_key,
      max(heap) FILTER (WHERE executor_id <> 'driver') AS heap,
      max(offheap) FILTER (WHERE executor_id <> 'driver') AS offheap,
      max(rss) FILTER (WHERE executor_id <> 'driver') AS rss,
      max(heap) FILTER (WHERE executor_id = 'driver') AS driver_heap,
      -- MajorGCTime is cumulative per executor JVM: its max is the executor's total. Executors whose GC counters
      -- never moved (metrics not sampled, or a collector Spark does not classify) do not count; null when none does.
      sum(major_gc) FILTER (WHERE executor_id <> 'driver' AND gc_count > 0) AS major_gc
    FROM (
      SELECT app_id, attempt_key, executor_id,
        max(coalesce(jvm_heap_memory, 0)) AS heap, max(coalesce(jvm_offheap_memory, 0)) AS offheap,
        max(coalesce(process_tree_jvm_rss_memory, 0)) AS rss, max(major_gc_time_ms) AS major_gc,
        max(CASE WHEN major_gc_time_ms IS NOT NULL THEN coalesce(minor_gc_count, 0) + coalesce(major_gc_count, 0) END) AS gc_count
      FROM ev
      WHERE event_type IN ('SparkListenerTaskEnd', 'SparkListenerStageExecutorMetrics', 'SparkListenerExecutorMetricsUpdate')
        AND executor_id IS NOT NULL
      GROUP BY app_id, attempt_key, executor_id
    ) AS per_executor
    GROUP BY app_id, attempt_key
  ),
  summary AS (
    SELECT
      a.app_id,
      a.attempt_id,
      coalesce(a.app_name, c.conf_app_name) AS app_name,
      v.spark_version,
      a.spark_user AS "user",
      c.master,
      a.start_ms,
      e.end_ms,
      e.end_ms - a.start_ms AS duration_ms,
      CASE WHEN e.end_ms IS NULL THEN 'incomplete'
        WHEN e.exit_code IS NOT NULL THEN CASE WHEN e.exit_code = 0 THEN 'succeeded' ELSE 'failed' END
        WHEN lj.last_failure IS NOT NULL THEN 'failed'
        ELSE 'succeeded' END AS status,
      CASE WHEN e.end_ms IS NULL THEN NULL
        WHEN e.exit_code IS NOT NULL THEN CASE WHEN e.exit_code = 0 THEN NULL
          ELSE 'application exited with code ' || CAST(e.exit_code AS varchar) || coalesce('; last failed job: ' || lj.last_failure, '') END
        ELSE lj.last_failure END AS failure_reason,
      coalesce(c.airflow_dag_id, c.ol_dag_id, c.yarn_dag_id) AS dag_id,
      CASE WHEN c.airflow_dag_id IS NOT NULL THEN c.airflow_task_id
        WHEN c.ol_dag_id IS NOT NULL THEN c.ol_task_id
        WHEN c.yarn_dag_id IS NOT NULL THEN c.yarn_task_id END AS task_id,
      coalesce(c.airflow_run_id, c.ol_run_id, c.yarn_run_id) AS run_id,
      coalesce(c.airflow_try_number,
        CASE WHEN regexp_like(c.yarn_try_text, '^\s*\d+\s*$') THEN try_cast(trim(c.yarn_try_text) AS bigint) END) AS try_number,
      CASE WHEN c.databricks_cluster IS NOT NULL THEN c.databricks_cluster
        WHEN c.emr_cluster IS NOT NULL THEN c.emr_cluster
        WHEN starts_with(lower(trim(c.master)), 'yarn') THEN coalesce(c.rm_cluster_id, c.rm_hostname, c.rm_address_host)
        WHEN starts_with(lower(trim(c.master)), 'k8s://') THEN c.k8s_namespace END AS cluster_id,
      c.yarn_queue,
      coalesce(c.airflow_team, c.yarn_team, CASE WHEN lower(c.airflow_owner) <> 'airflow' THEN c.airflow_owner END) AS team,
      c.executor_memory_mb, c.executor_memory_overhead_mb, c.executor_cores, c.executor_instances,
      c.driver_memory_mb, c.driver_cores, c.dynamic_allocation_enabled, c.dynamic_allocation_min_executors,
      c.dynamic_allocation_initial_executors, c.dynamic_allocation_max_executors, c.shuffle_partitions, c.aqe_enabled,
      CASE WHEN c.offheap_enabled = false THEN 0
        WHEN c.offheap_enabled IS NULL OR c.offheap_size IS NULL THEN NULL
        ELSE c.offheap_size_mb END AS offheap_size_mb,
      c.speculation_enabled,
      coalesce(cj.spark_conf, '{}') AS spark_conf,
      coalesce(j.jobs_total, 0) AS jobs_total,
      coalesce(j.jobs_failed, 0) AS jobs_failed,
      coalesce(st.stages_total, 0) AS stages_total,
      coalesce(se.stages_failed, 0) AS stages_failed,
      coalesce(st.stage_attempts_retried, 0) AS stage_attempts_retried,
      coalesce(tk.tasks_total, 0) AS tasks_total,
      coalesce(tk.tasks_failed, 0) AS tasks_failed,
      coalesce(tk.tasks_killed, 0) AS tasks_killed,
      coalesce(tk.task_attempts_retried, 0) AS task_attempts_retried,
      coalesce(tk.memory_bytes_spilled, 0) AS memory_bytes_spilled,
      coalesce(tk.disk_bytes_spilled, 0) AS disk_bytes_spilled,
      coalesce(st.stages_with_spill, 0) AS stages_with_spill,
      sk.max_task_skew_ratio,
      sk.skew_stage_id,
      sk.skew_stage_task_max_ms,
      sk.max_shuffle_read_skew_ratio,
      coalesce(tk.fetch_failures, 0) AS fetch_failures,
      coalesce(tk.executor_lost_failures, 0) AS executor_lost_failures,
      coalesce(tk.oom_failures, 0) AS oom_failures,
      coalesce(ca.failure_causes, '[]') AS failure_causes,
      j.job_duration_max_ms,
      se.stage_duration_max_ms,
      CASE WHEN cardinality(tk.durations) > 0 THEN element_at(tk.durations,
        CAST(least(floor(0.5 * cardinality(tk.durations)), cardinality(tk.durations) - 1) AS integer) + 1) END AS task_duration_p50_ms,
      CASE WHEN cardinality(tk.durations) > 0 THEN element_at(tk.durations,
        CAST(least(floor(0.95 * cardinality(tk.durations)), cardinality(tk.durations) - 1) AS integer) + 1) END AS task_duration_p95_ms,
      tk.task_duration_max_ms,
      coalesce(tk.run_ms, 0) AS executor_run_time_ms,
      CAST(round(coalesce(tk.cpu_ns, 0) / 1e6) AS bigint) AS executor_cpu_time_ms,
      coalesce(tk.gc_ms, 0) AS jvm_gc_time_ms,
      coalesce(tk.input_bytes, 0) AS input_bytes,
      coalesce(tk.output_bytes, 0) AS output_bytes,
      coalesce(tk.shuffle_read_bytes, 0) AS shuffle_read_bytes,
      coalesce(tk.shuffle_write_bytes, 0) AS shuffle_write_bytes,
      CASE WHEN a.start_ms IS NULL OR e.end_ms IS NULL THEN NULL
        WHEN ck.first_launch_ms IS NULL THEN greatest(0, e.end_ms - a.start_ms)
        WHEN ck.running_at_end > 0 THEN NULL
        ELSE greatest(0, ck.first_launch_ms - a.start_ms) + ck.idle_between_ms + greatest(0, e.end_ms - ck.idle_since_ms) END AS driver_only_time_ms,
      pj.stage_profile,
      coalesce(x.executors_added, 0) AS executors_added,
      coalesce(x.executors_removed, 0) AS executors_removed,
      coalesce(cc.executors_max_concurrent, 0) AS executors_max_concurrent,
      CASE WHEN pk.heap > 0 THEN pk.heap END AS executor_peak_jvm_heap_bytes,
      CASE WHEN pk.offheap > 0 THEN pk.offheap END AS executor_peak_offheap_bytes,
      CASE WHEN pk.rss > 0 THEN pk.rss END AS executor_peak_rss_bytes,
      CASE WHEN pk.driver_heap > 0 THEN pk.driver_heap END AS driver_peak_jvm_heap_bytes,
      CASE WHEN coalesce(tk.run_ms, 0) > 0 THEN CAST(tk.gc_ms AS double) / tk.run_ms END AS gc_time_ratio,
      pk.major_gc AS executor_major_gc_time_ms,
      CASE WHEN al.alloc_end_ms IS NOT NULL AND al.without_start = 0 THEN al.core_ms END AS executor_core_ms_allocated,
      coalesce(tk.run_ms, 0) AS executor_core_ms_used,
      CASE WHEN al.alloc_end_ms IS NOT NULL AND al.without_start = 0 AND al.core_ms > 0
        THEN CAST(coalesce(tk.run_ms, 0) AS double) / al.core_ms END AS slot_utilization,
      CASE WHEN al.alloc_end_ms IS NOT NULL AND al.without_start = 0 AND c.executor_memory_mb IS NOT NULL AND x.executors_added > 0
        THEN coalesce(al.executor_ms, 0) * c.executor_memory_mb END AS executor_memory_mb_ms_allocated,
      '["aggregated from raw listener events by sql/aggregate_raw_events.sql: metrics quality notes are not computed"]' AS metrics_quality
    FROM app_start AS a
    LEFT JOIN app_end AS e ON e.app_id = a.app_id AND e.attempt_key = a.attempt_key
    LEFT JOIN version AS v ON v.app_id = a.app_id AND v.attempt_key = a.attempt_key
    LEFT JOIN linkage_named AS c ON c.app_id = a.app_id AND c.attempt_key = a.attempt_key
    LEFT JOIN conf_json AS cj ON cj.app_id = a.app_id AND cj.attempt_key = a.attempt_key
    LEFT JOIN jobs AS j ON j.app_id = a.app_id AND j.attempt_key = a.attempt_key
    LEFT JOIN last_job AS lj ON lj.app_id = a.app_id AND lj.attempt_key = a.attempt_key
    LEFT JOIN stages AS st ON st.app_id = a.app_id AND st.attempt_key = a.attempt_key
    LEFT JOIN stage_ends AS se ON se.app_id = a.app_id AND se.attempt_key = a.attempt_key
    LEFT JOIN tasks AS tk ON tk.app_id = a.app_id AND tk.attempt_key = a.attempt_key
    LEFT JOIN cause_json AS ca ON ca.app_id = a.app_id AND ca.attempt_key = a.attempt_key
    LEFT JOIN skew AS sk ON sk.app_id = a.app_id AND sk.attempt_key = a.attempt_key
    LEFT JOIN clock AS ck ON ck.app_id = a.app_id AND ck.attempt_key = a.attempt_key
    LEFT JOIN profile_json AS pj ON pj.app_id = a.app_id AND pj.attempt_key = a.attempt_key
    LEFT JOIN executor_counts AS x ON x.app_id = a.app_id AND x.attempt_key = a.attempt_key
    LEFT JOIN concurrency AS cc ON cc.app_id = a.app_id AND cc.attempt_key = a.attempt_key
    LEFT JOIN allocation AS al ON al.app_id = a.app_id AND al.attempt_key = a.attempt_key
    LEFT JOIN peaks AS pk ON pk.app_id = a.app_id AND pk.attempt_key = a.attempt_key
  )
  SELECT
    app_id, attempt_id, app_name, spark_version, "user", master,
    CAST(from_unixtime(start_ms / 1000e0) AS timestamp) AS start_time,
    CAST(from_unixtime(end_ms / 1000e0) AS timestamp) AS end_time,
    duration_ms, status, failure_reason, dag_id, task_id, run_id, try_number, cluster_id, yarn_queue, team,
    executor_memory_mb, executor_memory_overhead_mb, executor_cores, executor_instances, driver_memory_mb, driver_cores,
    dynamic_allocation_enabled, dynamic_allocation_min_executors, dynamic_allocation_initial_executors,
    dynamic_allocation_max_executors, shuffle_partitions, aqe_enabled, offheap_size_mb, speculation_enabled, spark_conf,
    jobs_total, jobs_failed, stages_total, stages_failed, stage_attempts_retried, tasks_total, tasks_failed, tasks_killed,
    task_attempts_retried, memory_bytes_spilled, disk_bytes_spilled, stages_with_spill, max_task_skew_ratio,
    skew_stage_id, skew_stage_task_max_ms, max_shuffle_read_skew_ratio, fetch_failures, executor_lost_failures, oom_failures, failure_causes,
    job_duration_max_ms, stage_duration_max_ms, task_duration_p50_ms, task_duration_p95_ms, task_duration_max_ms,
    executor_run_time_ms, executor_cpu_time_ms, jvm_gc_time_ms, input_bytes, output_bytes, shuffle_read_bytes,
    shuffle_write_bytes, driver_only_time_ms, stage_profile, executors_added, executors_removed, executors_max_concurrent,
    executor_peak_jvm_heap_bytes, executor_peak_offheap_bytes, executor_peak_rss_bytes, driver_peak_jvm_heap_bytes,
    gc_time_ratio, executor_major_gc_time_ms, executor_core_ms_allocated, executor_core_ms_used, slot_utilization,
    executor_memory_mb_ms_allocated, metrics_quality
  FROM summary
) AS s
ON t.app_id = s.app_id AND coalesce(t.attempt_id, '') = coalesce(s.attempt_id, '')
WHEN MATCHED THEN
  UPDATE SET
    app_name = s.app_name,
    spark_version = s.spark_version,
    "user" = s."user",
    master = s.master,
    start_time = s.start_time,
    end_time = s.end_time,
    duration_ms = s.duration_ms,
    status = s.status,
    failure_reason = s.failure_reason,
    dag_id = s.dag_id,
    task_id = s.task_id,
    run_id = s.run_id,
    try_number = s.try_number,
    cluster_id = s.cluster_id,
    yarn_queue = s.yarn_queue,
    team = s.team,
    executor_memory_mb = s.executor_memory_mb,
    executor_memory_overhead_mb = s.executor_memory_overhead_mb,
    executor_cores = s.executor_cores,
    executor_instances = s.executor_instances,
    driver_memory_mb = s.driver_memory_mb,
    driver_cores = s.driver_cores,
    dynamic_allocation_enabled = s.dynamic_allocation_enabled,
    dynamic_allocation_min_executors = s.dynamic_allocation_min_executors,
    dynamic_allocation_initial_executors = s.dynamic_allocation_initial_executors,
    dynamic_allocation_max_executors = s.dynamic_allocation_max_executors,
    shuffle_partitions = s.shuffle_partitions,
    aqe_enabled = s.aqe_enabled,
    offheap_size_mb = s.offheap_size_mb,
    speculation_enabled = s.speculation_enabled,
    spark_conf = s.spark_conf,
    jobs_total = s.jobs_total,
    jobs_failed = s.jobs_failed,
    stages_total = s.stages_total,
    stages_failed = s.stages_failed,
    stage_attempts_retried = s.stage_attempts_retried,
    tasks_total = s.tasks_total,
    tasks_failed = s.tasks_failed,
    tasks_killed = s.tasks_killed,
    task_attempts_retried = s.task_attempts_retried,
    memory_bytes_spilled = s.memory_bytes_spilled,
    disk_bytes_spilled = s.disk_bytes_spilled,
    stages_with_spill = s.stages_with_spill,
    max_task_skew_ratio = s.max_task_skew_ratio,
    skew_stage_id = s.skew_stage_id,
    skew_stage_task_max_ms = s.skew_stage_task_max_ms,
    max_shuffle_read_skew_ratio = s.max_shuffle_read_skew_ratio,
    fetch_failures = s.fetch_failures,
    executor_lost_failures = s.executor_lost_failures,
    oom_failures = s.oom_failures,
    failure_causes = s.failure_causes,
    job_duration_max_ms = s.job_duration_max_ms,
    stage_duration_max_ms = s.stage_duration_max_ms,
    task_duration_p50_ms = s.task_duration_p50_ms,
    task_duration_p95_ms = s.task_duration_p95_ms,
    task_duration_max_ms = s.task_duration_max_ms,
    executor_run_time_ms = s.executor_run_time_ms,
    executor_cpu_time_ms = s.executor_cpu_time_ms,
    jvm_gc_time_ms = s.jvm_gc_time_ms,
    input_bytes = s.input_bytes,
    output_bytes = s.output_bytes,
    shuffle_read_bytes = s.shuffle_read_bytes,
    shuffle_write_bytes = s.shuffle_write_bytes,
    driver_only_time_ms = s.driver_only_time_ms,
    stage_profile = s.stage_profile,
    executors_added = s.executors_added,
    executors_removed = s.executors_removed,
    executors_max_concurrent = s.executors_max_concurrent,
    executor_peak_jvm_heap_bytes = s.executor_peak_jvm_heap_bytes,
    executor_peak_offheap_bytes = s.executor_peak_offheap_bytes,
    executor_peak_rss_bytes = s.executor_peak_rss_bytes,
    driver_peak_jvm_heap_bytes = s.driver_peak_jvm_heap_bytes,
    gc_time_ratio = s.gc_time_ratio,
    executor_major_gc_time_ms = s.executor_major_gc_time_ms,
    executor_core_ms_allocated = s.executor_core_ms_allocated,
    executor_core_ms_used = s.executor_core_ms_used,
    slot_utilization = s.slot_utilization,
    executor_memory_mb_ms_allocated = s.executor_memory_mb_ms_allocated,
    metrics_quality = s.metrics_quality
WHEN NOT MATCHED THEN
  INSERT (
    app_id, attempt_id, app_name, spark_version, "user", master, start_time, end_time, duration_ms, status,
    failure_reason, dag_id, task_id, run_id, try_number, cluster_id, yarn_queue, team, executor_memory_mb,
    executor_memory_overhead_mb, executor_cores, executor_instances, driver_memory_mb, driver_cores,
    dynamic_allocation_enabled, dynamic_allocation_min_executors, dynamic_allocation_initial_executors,
    dynamic_allocation_max_executors, shuffle_partitions, aqe_enabled, offheap_size_mb, speculation_enabled,
    spark_conf, jobs_total, jobs_failed, stages_total, stages_failed, stage_attempts_retried, tasks_total,
    tasks_failed, tasks_killed, task_attempts_retried, memory_bytes_spilled, disk_bytes_spilled, stages_with_spill,
    max_task_skew_ratio, skew_stage_id, skew_stage_task_max_ms, max_shuffle_read_skew_ratio, fetch_failures, executor_lost_failures,
    oom_failures, failure_causes, job_duration_max_ms, stage_duration_max_ms, task_duration_p50_ms,
    task_duration_p95_ms, task_duration_max_ms, executor_run_time_ms, executor_cpu_time_ms, jvm_gc_time_ms,
    input_bytes, output_bytes, shuffle_read_bytes, shuffle_write_bytes, driver_only_time_ms, stage_profile, executors_added,
    executors_removed, executors_max_concurrent, executor_peak_jvm_heap_bytes, executor_peak_offheap_bytes,
    executor_peak_rss_bytes, driver_peak_jvm_heap_bytes, gc_time_ratio, executor_major_gc_time_ms, executor_core_ms_allocated,
    executor_core_ms_used, slot_utilization, executor_memory_mb_ms_allocated, metrics_quality
  )
  VALUES (
    s.app_id, s.attempt_id, s.app_name, s.spark_version, s."user", s.master, s.start_time, s.end_time,
    s.duration_ms, s.status, s.failure_reason, s.dag_id, s.task_id, s.run_id, s.try_number, s.cluster_id,
    s.yarn_queue, s.team, s.executor_memory_mb, s.executor_memory_overhead_mb, s.executor_cores,
    s.executor_instances, s.driver_memory_mb, s.driver_cores, s.dynamic_allocation_enabled,
    s.dynamic_allocation_min_executors, s.dynamic_allocation_initial_executors, s.dynamic_allocation_max_executors,
    s.shuffle_partitions, s.aqe_enabled, s.offheap_size_mb, s.speculation_enabled, s.spark_conf, s.jobs_total,
    s.jobs_failed, s.stages_total, s.stages_failed, s.stage_attempts_retried, s.tasks_total, s.tasks_failed,
    s.tasks_killed, s.task_attempts_retried, s.memory_bytes_spilled, s.disk_bytes_spilled, s.stages_with_spill,
    s.max_task_skew_ratio, s.skew_stage_id, s.skew_stage_task_max_ms, s.max_shuffle_read_skew_ratio, s.fetch_failures,
    s.executor_lost_failures, s.oom_failures, s.failure_causes, s.job_duration_max_ms, s.stage_duration_max_ms,
    s.task_duration_p50_ms, s.task_duration_p95_ms, s.task_duration_max_ms, s.executor_run_time_ms,
    s.executor_cpu_time_ms, s.jvm_gc_time_ms, s.input_bytes, s.output_bytes, s.shuffle_read_bytes,
    s.shuffle_write_bytes, s.driver_only_time_ms, s.stage_profile, s.executors_added, s.executors_removed,
    s.executors_max_concurrent, s.executor_peak_jvm_heap_bytes, s.executor_peak_offheap_bytes,
    s.executor_peak_rss_bytes, s.driver_peak_jvm_heap_bytes, s.gc_time_ratio, s.executor_major_gc_time_ms, s.executor_core_ms_allocated,
    s.executor_core_ms_used, s.slot_utilization, s.executor_memory_mb_ms_allocated, s.metrics_quality
  );
