import { describe, expect, it } from 'vitest';
import { parseCount, parseFlag, sparkConfigColumns } from '../../../src/metrics/eventlog/spark-config.js';

describe('sparkConfigColumns', () => {
  it('reads every configuration column from Spark properties, memory in MiB', () => {
    expect(sparkConfigColumns({
      'spark.executor.memory': '10G',
      'spark.executor.memoryOverhead': '2048',
      'spark.executor.cores': '4',
      'spark.executor.instances': '8',
      'spark.driver.memory': '9397M',
      'spark.driver.cores': '2',
      'spark.dynamicAllocation.enabled': 'TRUE',
      'spark.dynamicAllocation.minExecutors': '1',
      'spark.dynamicAllocation.initialExecutors': '2',
      'spark.dynamicAllocation.maxExecutors': '50',
      'spark.sql.shuffle.partitions': '200',
      'spark.sql.adaptive.enabled': 'false',
      'spark.memory.offHeap.enabled': 'true',
      'spark.memory.offHeap.size': '2g',
      'spark.speculation': 'true',
    })).toEqual({
      executor_memory_mb: 10240,
      executor_memory_overhead_mb: 2048,
      executor_cores: 4,
      executor_instances: 8,
      driver_memory_mb: 9397,
      driver_cores: 2,
      dynamic_allocation_enabled: true,
      dynamic_allocation_min_executors: 1,
      dynamic_allocation_initial_executors: 2,
      dynamic_allocation_max_executors: 50,
      shuffle_partitions: 200,
      aqe_enabled: false,
      offheap_size_mb: 2048,
      speculation_enabled: true,
    });
  });

  it('leaves absent, redacted and invalid properties null', () => {
    const columns = sparkConfigColumns({
      'spark.executor.memory': '*********(redacted)',
      'spark.executor.cores': 'four',
      'spark.sql.adaptive.enabled': 'yes',
    });
    expect(Object.values(columns).every((value) => value === null)).toBe(true);
  });

  it('uses the legacy YARN overhead key and reads a unitless off-heap size as bytes', () => {
    const columns = sparkConfigColumns({
      'spark.yarn.executor.memoryOverhead': '1g',
      'spark.memory.offHeap.enabled': 'true',
      'spark.memory.offHeap.size': String(3 * 1024 * 1024 * 1024),
    });
    expect(columns.executor_memory_overhead_mb).toBe(1024);
    expect(columns.offheap_size_mb).toBe(3072);
    expect(sparkConfigColumns({ 'spark.memory.offHeap.enabled': 'false', 'spark.memory.offHeap.size': '2g' }).offheap_size_mb).toBe(0);
  });
});

describe('parseCount and parseFlag', () => {
  it('accept only plain values', () => {
    expect(parseCount(' 12 ')).toBe(12);
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('1.5')).toBeNull();
    expect(parseFlag(' False ')).toBe(false);
    expect(parseFlag('1')).toBeNull();
  });
});
