/** A pull request the dashboard links to. */
export interface DashboardPullRequest {
  number: number;
  title: string;
}

/**
 * What the dashboard issue shows besides the ignored proposals (those are read from and kept in the issue body
 * itself, where people tick them off). The sweep fills it; every list may be empty.
 */
export interface DashboardContent {
  /** Open spark-tuner pull requests. */
  open_prs: DashboardPullRequest[];
  /** Proposals the sweep did not open because of `limits:` (title, e.g. `Tune daily_sales…`, and the limit). */
  held_back: { dag_id: string; title: string; reason: string }[];
  /** Findings with no safe edit: a person must look (`task_id` null for the whole DAG). */
  needs_person: { dag_id: string; task_id: string | null; finding: string }[];
  /** Edits the rewriter refused, with its one-line reason. */
  refused: { dag_id: string; reason: string }[];
  /** Verification (DESIGN §10): outcomes of the merged tuning PRs in the window, one sentence each. */
  verification: { pr_number: number; dag_id: string; outcome: string }[];
  /** Problems in `.github/spark-tuner.yml`, in plain words (defaults were used). */
  config_problems: string[];
  /** The measured savings per month of the verified changes in the window (DESIGN §10, §11), one per task. */
  savings?: SavingLine[];
}

/** One verified task change's realized saving, as the dashboard shows it. */
export interface SavingLine {
  pr_number: number;
  dag_id: string;
  task_id: string;
  gb_hours_per_month: number;
  core_hours_per_month: number;
  usd_per_month: number;
}

/** A dashboard with nothing to show yet. */
export function emptyDashboard(): DashboardContent {
  return { open_prs: [], held_back: [], needs_person: [], refused: [], verification: [], config_problems: [], savings: [] };
}
