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
  /** After the merge (DESIGN §10): decide verified/regressed with these thresholds. */
  verify: { enabled: boolean; min_runs: number; max_slowdown: number; window_days: number; auto_revert: boolean };
}

export interface RepoConfigResult {
  config: RepoConfig;
  /** True when the file exists (the repository opted in). */
  present: boolean;
  /** Plain-language problems found in the file; the defaults are used for those keys. */
  problems: string[];
}

export const REPO_CONFIG_PATH = '.github/spark-tuner.yml';
