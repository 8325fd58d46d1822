import type { ApplicationSummary } from '../metrics/summary.js';

/** Tasks one executor runs at once: its cores over `spark.task.cpus` (default 1), at least 1. */
export function tasksPerExecutor(run: ApplicationSummary, cores: number): number {
  const taskCpus = Number(run.spark_conf['spark.task.cpus'] ?? 1);
  return Math.max(1, Math.floor(cores / (Number.isFinite(taskCpus) && taskCpus >= 1 ? taskCpus : 1)));
}

/** The executors a run had at once (the most that ran together, else the configured instances), or null. */
export function executorsOf(run: ApplicationSummary): number | null {
  const count = run.executors_max_concurrent ?? run.executor_instances;
  return count !== null && count > 0 ? count : null;
}

/** Cores per executor: the configured ones, else Spark's default on YARN and Kubernetes (1). */
export function coresOf(run: ApplicationSummary): number {
  return run.executor_cores !== null && run.executor_cores > 0 ? run.executor_cores : 1;
}

/** Executor lifetime in ms summed over executors, from the allocated memory or cores, else executors × wall time. */
export function executorMsOf(run: ApplicationSummary): number | null {
  if (run.executor_memory_mb_ms_allocated !== null && (run.executor_memory_mb ?? 0) > 0) {
    return run.executor_memory_mb_ms_allocated / (run.executor_memory_mb ?? 1);
  }
  if (run.executor_core_ms_allocated !== null) return run.executor_core_ms_allocated / coresOf(run);
  const executors = executorsOf(run);
  return executors !== null && run.duration_ms !== null ? executors * run.duration_ms : null;
}
