import type { RepoConfig } from '../config/repo-config-types.js';
import { isIgnored, type IgnoreEntry } from '../dashboard/ignore-entry.js';
import { readIgnores } from '../dashboard/ignore-record.js';
import { syncDashboard } from '../dashboard/sync-dashboard.js';
import type { DashboardContent } from '../dashboard/types.js';
import type { GitHubClient, RepoId } from '../publish/github/types.js';
import type { MergedPrOutcome } from '../verify/github/verify-merged.js';
import type { RepoReport, SweepHooks, SweepLog } from './types.js';

/**
 * The sweep's hooks for the dashboard issue (DESIGN §11): proposals ignored there are skipped (its ignore list is
 * read once per repository and sweep, and only when a proposal is due), and after each repository the dashboard is
 * brought up to date with the report, edited only when its content changes.
 */
export function dashboardHooks(botLogin: () => Promise<string>, log: SweepLog): SweepHooks {
  const ignores = new Map<string, Promise<IgnoreEntry[]>>();
  return {
    async isIgnored(repo, proposal, octokit) {
      let entries = ignores.get(key(repo));
      if (entries === undefined) {
        entries = botLogin().then((login) => readIgnores(octokit, repo, login));
        ignores.set(key(repo), entries);
      }
      const task_ids = [...new Set(proposal.edits.map((edit) => edit.task_id))];
      const entry = isIgnored(await entries, { dag_id: proposal.dag_id, task_ids, fingerprint: proposal.fingerprint });
      return entry === null ? false : `ignored on the dashboard (${entry.source})`;
    },
    async afterRepository(octokit: GitHubClient, repo: RepoId, report: RepoReport, repoConfig: RepoConfig) {
      ignores.delete(key(repo));
      if (report.status === 'disabled') return;
      try {
        const outcome = await syncDashboard(octokit, repo, dashboardContent(report), repoConfig, { botLogin });
        log.info({ repo: key(repo), dashboard: outcome.kind }, 'spark-tuner dashboard synced');
      } catch (error) {
        log.warn({ err: error, repo: key(repo) }, 'spark-tuner could not update the dashboard issue');
      }
    },
  };
}

/** What the dashboard shows of one sweep's report. */
export function dashboardContent(report: RepoReport): DashboardContent {
  const titles = new Map(report.published.map((pr) => [pr.pr.number, pr.title]));
  const numbers = new Set([...(report.open_prs ?? []).map((pr) => pr.number), ...report.published.map((pr) => pr.pr.number)]);
  return {
    open_prs: [...numbers].sort((a, b) => a - b).map((number) => ({ number, title: titles.get(number) ?? `Tuning pull request #${number}` })),
    held_back: report.held_back.map(({ dag_id, title, reason }) => ({ dag_id, title, reason })),
    needs_person: report.needs_person.map(({ dag_id, task_id, title }) => ({ dag_id, task_id, finding: title })),
    refused: [...report.refused, ...report.blocked].map(({ dag_id, reason }) => ({ dag_id, reason })).concat(refusedReverts(report.verification)),
    verification: report.verification.map((outcome) => ({ pr_number: outcome.pr.number, dag_id: outcome.dag_id ?? 'unknown', outcome: outcomeSentence(outcome) })),
    config_problems: report.config_problems,
    savings: report.verification.flatMap((outcome) =>
      outcome.savings.map(({ dag_id, task_id, gb_hours_per_month, core_hours_per_month, usd_per_month }) => ({
        pr_number: outcome.pr.number, dag_id, task_id, gb_hours_per_month, core_hours_per_month, usd_per_month,
      })),
    ),
  };
}

/** Reverts of regressed changes the rewrite engine refused, among the refused edits. */
function refusedReverts(outcomes: MergedPrOutcome[]): { dag_id: string; reason: string }[] {
  return outcomes.flatMap((outcome) => {
    const reason = outcome.revert?.refused;
    return reason ? [{ dag_id: outcome.dag_id ?? 'unknown', reason: `the revert of #${outcome.pr.number}: ${reason}` }] : [];
  });
}

function outcomeSentence(outcome: MergedPrOutcome): string {
  if (outcome.kind === 'decided') return `${outcome.verdict}: ${outcome.sentence}`;
  if (outcome.kind === 'pending') return `not decided yet: ${outcome.sentence}`;
  return outcome.sentence;
}

function key(repo: RepoId): string {
  return `${repo.owner}/${repo.repo}`;
}
