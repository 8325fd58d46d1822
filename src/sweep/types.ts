import type { Probot } from 'probot';
import type { RepoConfig } from '../config/repo-config-types.js';
import type { Planner } from '../pipeline/types.js';
import type { GitHubClient, PullRequestRef, RepoId } from '../publish/github/types.js';
import type { Proposal } from '../publish/types.js';
import type { JobQueue } from '../triggers/job-queue.js';
import type { MetricsSourceResult } from '../triggers/types.js';
import type { MergedPrOutcome } from '../verify/github/verify-merged.js';
import type { SweepCache } from './sweep-cache.js';

/** A repository an installation can reach, as `apps.listReposAccessibleToInstallation` lists it. */
export interface SweepTarget extends RepoId {
  default_branch: string;
  installation_id: number;
}

/** A pull request the sweep opened, updated, or found already proposing the same values. */
export interface PublishedPr {
  dag_id: string;
  kind: 'opened' | 'updated' | 'unchanged';
  pr: PullRequestRef;
  title: string;
}

/** A proposal not published this time; `reason` is one sentence for the dashboard and the log. */
export interface HeldProposal {
  dag_id: string;
  title: string;
  reason: string;
  /** The pull request involved, when there is one (a declined PR, a branch with someone else's commits). */
  pr: PullRequestRef | null;
}

/** A finding no configuration change fixes: a person has to look. */
export interface NeedsPerson {
  dag_id: string;
  task_id: string;
  title: string;
}

/** One DAG the sweep could not handle, and why (one sentence). */
export interface DagFailure {
  dag_id: string;
  reason: string;
}

/** What one sweep did in one opted-in repository (typed for the dashboard issue and the printed summary). */
export interface RepoReport {
  repo: RepoId;
  /** `swept`: handled (perhaps with DAG failures); `disabled`: `enabled: false`; `failed`: stopped early, see `reason`. */
  status: 'swept' | 'disabled' | 'failed';
  /** Why the repository failed, one sentence. */
  reason: string | null;
  /** Plain-language problems of `.github/spark-tuner.yml` (the defaults apply to those keys). */
  config_problems: string[];
  /** Other things worth knowing, one sentence each: DAG files that do not parse, a file list GitHub cut short. */
  notes: string[];
  /** DAG ids its files define (after include/exclude), and how many of them had runs in the window. */
  dags: number;
  dags_with_runs: number;
  /** Open spark-tuner pull requests before publishing (null when they were not listed). */
  open_prs: PullRequestRef[] | null;
  published: PublishedPr[];
  /** Proposals over `limits` (`prs_per_sweep`, `open_prs`), highest priority first. */
  held_back: HeldProposal[];
  /** Proposals declined earlier (a PR closed unmerged) or ignored through a hook. */
  ignored: HeldProposal[];
  /** Branches with someone else's commits, left alone. */
  blocked: HeldProposal[];
  /** Proposals the DAG file cannot take safely. */
  refused: HeldProposal[];
  /** `dry_run: true` in the config: what would have been opened or updated. */
  dry_run: HeldProposal[];
  needs_person: NeedsPerson[];
  failures: DagFailure[];
  /** Merged spark-tuner PRs of the last `verify.window_days` days and what verification made of them (DESIGN §10). */
  verification: MergedPrOutcome[];
}

/** Places where other features plug into the sweep; every hook is optional and a no-op by default. */
export interface SweepHooks {
  /**
   * Asked before a proposal is published: `true` (or a one-sentence reason) skips it, and it is reported under
   * `ignored`. For ignores kept on GitHub (the dashboard issue, a PR closed unmerged).
   */
  isIgnored?(repo: RepoId, proposal: Proposal, octokit: GitHubClient): Promise<boolean | string> | boolean | string;
  /** Called once per opted-in repository after publishing, with its report (e.g. to edit the dashboard issue). */
  afterRepository?(octokit: GitHubClient, repo: RepoId, report: RepoReport, config: RepoConfig): Promise<void>;
}

/** Where the sweep logs (a pino logger fits). */
export interface SweepLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** The app's GitHub clients (Probot's `auth`): without an id as the app itself (JWT), with one as that installation. */
export type SweepApp = Pick<Probot, 'auth'>;

/** What a sweep needs from the outside world. */
export interface SweepDeps {
  app: SweepApp;
  metricsSource: () => MetricsSourceResult;
  planner: Planner;
  /** Now, in epoch ms: the end of the lookback window. */
  clock: () => number;
  /** The app's own login (`<slug>[bot]`), to recognize its commits. */
  botLogin: () => Promise<string>;
  log: SweepLog;
  /** The comment command's queue: publishing a DAG waits for a command on the same DAG (one PR, never two). */
  queue?: JobQueue;
  /** Kept between sweeps of one process: unchanged repositories cost a conditional request. */
  cache?: SweepCache;
  hooks?: SweepHooks;
}

/** A failure outside any one repository (an installation whose repositories could not be listed). */
export interface ScopeFailure {
  scope: string;
  reason: string;
}

/** What one pass did. `fatal`: nothing could be swept (e.g. the app's credentials were refused). */
export interface SweepSummary {
  fatal: string | null;
  installations: number;
  repositories: number;
  /** Reports of the opted-in repositories, in the order they were swept. */
  reports: RepoReport[];
  failures: ScopeFailure[];
}
