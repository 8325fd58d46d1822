import { parseMemoryMb } from '../memory-size.js';
import type { ApplicationSummary } from '../summary.js';

/** The value Spark writes in place of a redacted property. */
export const REDACTED = '*********(redacted)';

/** The configuration columns of a summary (DESIGN §2, pillar 2). */
export type SparkConfigColumns = Pick<ApplicationSummary,
  | 'executor_memory_mb' | 'executor_memory_overhead_mb' | 'executor_cores' | 'executor_instances'
  | 'driver_memory_mb' | 'driver_cores' | 'dynamic_allocation_enabled' | 'dynamic_allocation_min_executors'
  | 'dynamic_allocation_initial_executors' | 'dynamic_allocation_max_executors' | 'shuffle_partitions'
  | 'aqe_enabled' | 'offheap_size_mb' | 'speculation_enabled'>;

/**
 * Configuration columns from `Spark Properties`. A property that is absent, redacted or not
 * a valid value is null (Spark's defaults are not filled in: the row says what was set).
 * Memory is MiB; `spark.memory.offHeap.size` takes bytes when it has no unit, as in Spark,
 * and counts only when `spark.memory.offHeap.enabled` is true (explicitly false gives 0).
 */
export function sparkConfigColumns(props: Readonly<Record<string, string>>): SparkConfigColumns {
  const get = (key: string): string | undefined => {
    const value = props[key];
    return value === undefined || value === REDACTED ? undefined : value;
  };
  return {
    executor_memory_mb: parseMemoryMb(get('spark.executor.memory')),
    executor_memory_overhead_mb: parseMemoryMb(get('spark.executor.memoryOverhead') ?? get('spark.yarn.executor.memoryOverhead')),
    executor_cores: parseCount(get('spark.executor.cores')),
    executor_instances: parseCount(get('spark.executor.instances')),
    driver_memory_mb: parseMemoryMb(get('spark.driver.memory')),
    driver_cores: parseCount(get('spark.driver.cores')),
    dynamic_allocation_enabled: parseFlag(get('spark.dynamicAllocation.enabled')),
    dynamic_allocation_min_executors: parseCount(get('spark.dynamicAllocation.minExecutors')),
    dynamic_allocation_initial_executors: parseCount(get('spark.dynamicAllocation.initialExecutors')),
    dynamic_allocation_max_executors: parseCount(get('spark.dynamicAllocation.maxExecutors')),
    shuffle_partitions: parseCount(get('spark.sql.shuffle.partitions')),
    aqe_enabled: parseFlag(get('spark.sql.adaptive.enabled')),
    offheap_size_mb: offHeapMb(get('spark.memory.offHeap.enabled'), get('spark.memory.offHeap.size')),
    speculation_enabled: parseFlag(get('spark.speculation')),
  };
}

/** A non-negative integer property, or null. */
export function parseCount(text: string | undefined): number | null {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** A boolean property (`true`/`false`, any case), or null. */
export function parseFlag(text: string | undefined): boolean | null {
  const normalized = text?.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false') return false;
  return null;
}

function offHeapMb(enabled: string | undefined, size: string | undefined): number | null {
  const flag = parseFlag(enabled);
  if (flag === false) return 0;
  if (flag === null || size === undefined) return null;
  const bare = /^\s*(\d+)\s*$/.exec(size);
  if (bare?.[1] !== undefined) return Math.floor(Number(bare[1]) / (1024 * 1024));
  return parseMemoryMb(size);
}
