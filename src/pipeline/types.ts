import type { RepoConfig } from '../config/repo-config-types.js';
import type { RepoFiles } from '../dags/types.js';
import type { GroupBy } from '../diagnose/history.js';
import type { RuleOverrides } from '../diagnose/thresholds.js';
import type { Prices, TaskDiagnosis } from '../diagnose/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { Narrator } from '../narrate/types.js';
import type { Proposal } from '../publish/types.js';

/** What the pipeline needs to propose a change for one DAG of one repository. */
export interface PlanRequest {
  dag_id: string;
  /** Only this task of the DAG; null for every task with runs. */
  task_id: string | null;
  /** Summaries from the metrics source (any DAG; the planner picks this DAG's). */
  summaries: ApplicationSummary[];
  repo: RepoFiles;
  /** Where DAG files live, from the repository's config (default `dags/`). */
  dag_paths: string[];
  /** `eventlogs` or `athena`: named in the evidence. */
  metric_source: string;
  /** End of the lookback window (epoch ms); now, unless replaying old logs. */
  until: number;
  lookback_days: number;
  min_runs: number;
  /** Per-rule overrides from the repository's config. */
  rules?: RuleOverrides;
  /** Labels from the repository's config; `cost`/`reliability` are added by finding kind. */
  labels?: string[];
  prices?: Prices;
  /** `ignore:` of the repository's config: recommendations it does not want. */
  ignore?: RepoConfig['ignore'];
  /** Memory one node gives a container, MiB (heap + overhead must fit). */
  node_memory_mb?: number;
  /** DAG files larger than this (MB) are refused unparsed; default 5. */
  max_dag_file_mb?: number;
  /** How runs form histories; default `airflow` (by dag_id and task_id). */
  group_by?: GroupBy;
  /** Writes the five sections; the deterministic narrator when absent. */
  narrator?: Narrator;
}

export type PlanResult =
  /** A change to propose: the PR's content. */
  | { kind: 'proposal'; proposal: Proposal; diagnoses: TaskDiagnosis[] }
  /** Nothing to change (no finding, or the file already has the values); `message` says why. */
  | { kind: 'no-change'; diagnoses: TaskDiagnosis[]; message: string }
  /** A change is due but the DAG file cannot be edited safely; `reason` is one line for the user. */
  | { kind: 'refused'; diagnoses: TaskDiagnosis[]; reason: string }
  /** The DAG or its runs could not be found; `message` says what was searched. */
  | { kind: 'not-found'; message: string };

export type Planner = (request: PlanRequest) => Promise<PlanResult>;
