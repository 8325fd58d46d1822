/** `.github/spark-tuner.yml`, validated (DESIGN §7). Its presence opts a repository in. */
export interface RepoConfig {
  enabled: boolean;
  dag_paths: string[];
  include: string[];
  exclude: string[];
  lookback_days: number;
  min_runs: number;
  rules: Record<string, { enabled?: boolean } & Record<string, number | boolean | undefined>>;
  limits: { prs_per_sweep: number; open_prs: number };
  labels: string[];
  reviewers: 'codeowners' | string[];
  dry_run: boolean;
  /** Memory one node gives a container (heap + overhead must fit), in MiB; from `node_memory: 56g`. */
  node_memory_mb: number;
  /** Prices for the impact estimate. */
  prices: { vcpu_hour_usd: number; gb_hour_usd: number };
  ignore: { dag: string; task?: string; keys?: string[] }[];
  /** Keep the "Spark tuning dashboard" issue (DESIGN §11). */
  dashboard: boolean;
  /** Checking merged changes against the runs after them (DESIGN §10). */
  verify: VerifyConfig;
  /** DAG files larger than this (MB) are refused with one line and never parsed. */
  max_dag_file_mb: number;
}

/** `verify:` of the repository config (DESIGN §10). */
export interface VerifyConfig {
  enabled: boolean;
  /** Successful runs with the new values needed before a verdict. */
  min_runs: number;
  /** A median slowdown above this share (0.2 = 20%) is a regression. */
  max_slowdown: number;
  /** Merged pull requests of the last this many days are checked. */
  window_days: number;
  /** Open a revert pull request for a regressed change. */
  auto_revert: boolean;
}

export interface RepoConfigResult {
  config: RepoConfig;
  /** True when the file exists (the repository opted in). */
  present: boolean;
  /** Plain-language problems found in the file; the defaults are used for those keys. */
  problems: string[];
}

export const REPO_CONFIG_PATH = '.github/spark-tuner.yml';
