import { emptySummary } from '../../src/metrics/empty-summary.js';
import type { RuleInput } from '../../src/diagnose/types.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';

const GIB = 1024 ** 3;
const DAY = 86_400_000;

/** Epoch ms of 2026-11-20T12:00Z, the fixed "now" of the diagnosis tests. */
export const NOW = Date.UTC(2026, 10, 20, 12);

/** A successful run of daily_sales.load_orders `daysAgo` days before NOW, with 16g executors peaking at `peakGib`. */
export function run(daysAgo: number, peakGib: number | null, overrides: Partial<ApplicationSummary> = {}): ApplicationSummary {
  const start = NOW - daysAgo * DAY;
  return {
    ...emptySummary(`application_1700000000000_${String(1000 - daysAgo).padStart(4, '0')}`),
    attempt_id: '1',
    spark_version: '3.5.1',
    status: 'succeeded',
    dag_id: 'daily_sales',
    task_id: 'load_orders',
    start_time: start,
    end_time: start + 20 * 60_000,
    duration_ms: 20 * 60_000,
    executor_memory_mb: 16384,
    executor_cores: 4,
    executor_instances: 8,
    spark_conf: { 'spark.executor.memory': '16g' },
    executor_peak_jvm_heap_bytes: peakGib === null ? null : Math.round(peakGib * GIB),
    // 8 executors alive for 20 minutes each
    executor_memory_mb_ms_allocated: 8 * 20 * 60_000 * 16384,
    executor_core_ms_allocated: 8 * 20 * 60_000 * 4,
    oom_failures: 0,
    ...overrides,
  };
}

/** What a rule reads: the runs (oldest first), the successful ones, and min_runs (default 3). */
export function ruleInputOf(runs: ApplicationSummary[], options: { min_runs?: number; node_memory_mb?: number } = {}): RuleInput {
  const input: RuleInput = {
    dag_id: 'daily_sales',
    task_id: 'load_orders',
    runs,
    successful: runs.filter((r) => r.status === 'succeeded'),
    min_runs: options.min_runs ?? 3,
  };
  if (options.node_memory_mb !== undefined) input.node_memory_mb = options.node_memory_mb;
  return input;
}

/** Three successful runs (3, 2 and 1 days ago) with the same overrides. */
export function threeRuns(overrides: Partial<ApplicationSummary> = {}, peakGib: number | null = null): ApplicationSummary[] {
  return [3, 2, 1].map((daysAgo) => run(daysAgo, peakGib, overrides));
}
