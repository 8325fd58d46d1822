import type { RepoConfig } from '../config/repo-config-types.js';
import type { PlanRequest } from './types.js';

/** The part of a plan request that comes from the repository's config: the same for a command and a sweep. */
export function configPlanFields(
  config: RepoConfig,
): Pick<PlanRequest, 'dag_paths' | 'lookback_days' | 'min_runs' | 'rules' | 'labels' | 'prices' | 'node_memory_mb' | 'ignore' | 'max_dag_file_mb'> {
  return {
    dag_paths: config.dag_paths,
    lookback_days: config.lookback_days,
    min_runs: config.min_runs,
    rules: config.rules,
    labels: config.labels,
    prices: config.prices,
    node_memory_mb: config.node_memory_mb,
    ignore: config.ignore,
    max_dag_file_mb: config.max_dag_file_mb,
  };
}
