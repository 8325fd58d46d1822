import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';

export const MIB = 1024 * 1024;

/**
 * Memory one node gives YARN containers by default: 57344 MiB (56 GiB), what EMR sets as
 * `yarn.nodemanager.resource.memory-mb` on a 64 GiB node such as m5.4xlarge. An executor's or the
 * driver's heap + overhead must fit in it; override it with `--node-memory` / `node_memory_mb`.
 */
export const DEFAULT_NODE_MEMORY_MB = 57_344;

/** Spark's minimum overhead (`MEMORY_OVERHEAD_MIN`, 384 MiB) and default factor (0.10). */
const MIN_OVERHEAD_MB = 384;
const DEFAULT_OVERHEAD_FACTOR = 0.1;

/** `mb` rounded up to a whole `step` (e.g. 512 MiB). */
export function roundUpTo(mb: number, step: number): number {
  return Math.ceil(mb / step) * step;
}

/** `mb` rounded down to a whole `step`. */
export function roundDownTo(mb: number, step: number): number {
  return Math.floor(mb / step) * step;
}

/** Spark's default overhead for a heap when none is set: 10% of it, at least 384 MiB. */
export function defaultOverheadMb(memoryMb: number, factor = DEFAULT_OVERHEAD_FACTOR): number {
  return Math.max(MIN_OVERHEAD_MB, Math.floor(memoryMb * factor));
}

/**
 * The executor overhead a run had (or would have with heap `heapMb`): `spark.executor.memoryOverhead` when
 * set, else the factor (`spark.executor.memoryOverheadFactor`, or on Kubernetes `spark.kubernetes.memoryOverheadFactor`)
 * × heap, at least 384 MiB.
 */
export function executorOverheadMb(run: ApplicationSummary, heapMb: number): number {
  if (run.executor_memory_overhead_mb !== null) return run.executor_memory_overhead_mb;
  return defaultOverheadMb(heapMb, overheadFactor(run, 'spark.executor.memoryOverheadFactor'));
}

/** The driver overhead a run had (or would have with heap `heapMb`). */
export function driverOverheadMb(run: ApplicationSummary, heapMb: number): number {
  const explicit = parseMemoryMb(run.spark_conf['spark.driver.memoryOverhead']);
  if (explicit !== null) return explicit;
  return defaultOverheadMb(heapMb, overheadFactor(run, 'spark.driver.memoryOverheadFactor'));
}

/** Spark's default heap when `spark.executor.memory` / `spark.driver.memory` is unset: 1g. */
export const DEFAULT_HEAP_MB = 1024;

function overheadFactor(run: ApplicationSummary, key: string): number {
  const own = Number(run.spark_conf[key]);
  if (run.spark_conf[key] !== undefined && Number.isFinite(own) && own > 0) return own;
  const k8s = Number(run.spark_conf['spark.kubernetes.memoryOverheadFactor']);
  if (run.master?.startsWith('k8s') && Number.isFinite(k8s) && k8s > 0) return k8s;
  return DEFAULT_OVERHEAD_FACTOR;
}

