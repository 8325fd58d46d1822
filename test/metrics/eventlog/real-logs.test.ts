import { describe, expect, it } from 'vitest';
import { parseMemoryMb } from '../../../src/metrics/memory-size.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import { parseCount, parseFlag } from '../../../src/metrics/eventlog/spark-config.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { hasSharedEvents, sharedLog } from '../../support/shared-data.js';
import { loadManifest, type ManifestEntry } from './support/manifest.js';

const KILLED = new Set(['TaskKilled', 'TaskCommitDenied']);
const manifest = loadManifest();

/** Logs we deliberately do not summarize, with the one problem line we give instead. */
const REFUSED: Record<string, RegExp> = {
  // No SparkListenerApplicationStart: the application cannot be identified.
  'incorrect_app_status_eventlog.zstd': /no SparkListenerApplicationStart event/,
};

/** Where the manifest counts events and the History Server (and we) count something else. */
const OVERRIDES: Record<string, Partial<ApplicationSummary>> = {
  // Edited log: executor "1" is added twice; the History Server keys executors by id, so 4, not 5 events.
  eventlog_3nodes_12cores_multiple_executors: { executors_added: 4 },
};

/** Every field of a row that the manifest's facts pin down. */
function expectedRow(entry: ManifestEntry): Partial<ApplicationSummary> {
  const { app, props, sums } = entry;
  const reasons = Object.entries(entry.failed_tasks_by_reason);
  const ended = (entry.event_counts.SparkListenerApplicationEnd ?? 0) > 0;
  const prop = (key: string): string | undefined => (props[key] === '*********(redacted)' ? undefined : props[key]);
  const expected: Partial<ApplicationSummary> = {
    app_id: app.app_id ?? '',
    attempt_id: app.attempt_id ?? null,
    app_name: app.app_name ?? null,
    user: app.user ?? null,
    start_time: app.start ?? null,
    end_time: ended ? (app.end ?? null) : null,
    duration_ms: ended ? (app.duration_ms ?? null) : null,
    spark_version: entry.spark_version?.split(' ')[0] ?? null,
    tasks_total: entry.task_end_events,
    tasks_killed: reasons.filter(([reason]) => KILLED.has(reason)).reduce((sum, [, count]) => sum + count, 0),
    tasks_failed: reasons.filter(([reason]) => !KILLED.has(reason)).reduce((sum, [, count]) => sum + count, 0),
    jobs_failed: entry.job_results.JobFailed ?? 0,
    stages_failed: entry.failed_stage_attempts,
    executors_removed: Object.values(entry.executor_removed_reasons).reduce((sum, count) => sum + count, 0),
    master: prop('spark.master') ?? null,
    executor_memory_mb: parseMemoryMb(prop('spark.executor.memory')),
    executor_memory_overhead_mb: parseMemoryMb(prop('spark.executor.memoryOverhead')),
    executor_cores: parseCount(prop('spark.executor.cores')),
    executor_instances: parseCount(prop('spark.executor.instances')),
    driver_memory_mb: parseMemoryMb(prop('spark.driver.memory')),
    dynamic_allocation_enabled: parseFlag(prop('spark.dynamicAllocation.enabled')),
    dynamic_allocation_min_executors: parseCount(prop('spark.dynamicAllocation.minExecutors')),
    dynamic_allocation_max_executors: parseCount(prop('spark.dynamicAllocation.maxExecutors')),
    dynamic_allocation_initial_executors: parseCount(prop('spark.dynamicAllocation.initialExecutors')),
    shuffle_partitions: parseCount(prop('spark.sql.shuffle.partitions')),
    aqe_enabled: parseFlag(prop('spark.sql.adaptive.enabled')),
    speculation_enabled: parseFlag(prop('spark.speculation')),
  };
  if (!ended) expected.status = 'incomplete';
  if (sums['JVM GC Time'] !== undefined) expected.jvm_gc_time_ms = sums['JVM GC Time'];
  if (sums['Memory Bytes Spilled'] !== undefined) expected.memory_bytes_spilled = sums['Memory Bytes Spilled'];
  if (sums['Disk Bytes Spilled'] !== undefined) expected.disk_bytes_spilled = sums['Disk Bytes Spilled'];
  if (sums['Shuffle Remote+Local Bytes Read'] !== undefined) expected.shuffle_read_bytes = sums['Shuffle Remote+Local Bytes Read'];
  if (sums['Shuffle Bytes Written'] !== undefined) expected.shuffle_write_bytes = sums['Shuffle Bytes Written'];
  if (sums['executors_added(non-driver)'] !== undefined) expected.executors_added = sums['executors_added(non-driver)'];
  return expected;
}

describe.skipIf(!hasSharedEvents)('summarizing the real event logs (manifest.json facts)', () => {
  it('covers all 99 logs of the manifest', () => {
    expect(manifest).toHaveLength(99);
  });

  it.each(manifest.map((entry) => [entry.id, entry] as const))('%s', async (_id, entry) => {
    const { summaries, problems } = await summarizeEventLogs([sharedLog(entry.id)]);
    const name = entry.id.split('/').at(-1) ?? entry.id;
    const refusal = REFUSED[name];
    if (refusal) {
      expect(summaries).toEqual([]);
      expect(problems).toEqual([expect.stringMatching(refusal)]);
      return;
    }
    expect(problems).toEqual([]);
    expect(summaries).toHaveLength(1);
    const row = summaries[0] as ApplicationSummary;
    expect(row).toMatchObject({ ...expectedRow(entry), ...OVERRIDES[name] });
    expect(row.status === 'incomplete').toBe(!(entry.event_counts.SparkListenerApplicationEnd ?? 0));
    expect(row.jobs_total).toBeGreaterThanOrEqual(entry.event_counts.SparkListenerJobEnd ?? 0);
    if (entry.bad_lines > 0) expect(row.metrics_quality.join('\n')).toMatch(`${entry.bad_lines} unparsable line`);
  }, 60_000);
});
