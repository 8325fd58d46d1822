import type { ProbotOctokit } from 'probot';
import type { MetricsSource } from '../metrics/source.js';
import { errorSentence } from './error-sentence.js';
import { newReport } from './new-report.js';
import { sweepRepository } from './sweep-repository.js';
import type { RepoReport, SweepDeps, SweepSummary, SweepTarget } from './types.js';

/**
 * One pass over every installation of the app and every repository it can reach: authenticate as the app (JWT),
 * list the installations, then each installation's repositories, and sweep those that opted in. A failing
 * installation, repository, DAG or query is reported and the pass goes on; `fatal` is set only when nothing
 * could be swept at all (no metrics source, or the app's own credentials refused).
 */
export async function sweepAll(deps: SweepDeps): Promise<SweepSummary> {
  const summary: SweepSummary = { fatal: null, installations: 0, repositories: 0, reports: [], failures: [] };
  const source = deps.metricsSource();
  if (!source.ok) return { ...summary, fatal: source.message };
  let installations: { id: number; account: string }[];
  try {
    installations = await listInstallations(await deps.app.auth());
  } catch (error) {
    deps.log.error({ err: error }, 'spark-tuner sweep could not list the app installations');
    return { ...summary, fatal: `the app's installations could not be listed: ${errorSentence(error)}.` };
  }
  summary.installations = installations.length;
  for (const installation of installations) {
    await sweepInstallation(installation, source.source, deps, summary);
  }
  return summary;
}

async function sweepInstallation(
  installation: { id: number; account: string },
  source: MetricsSource,
  deps: SweepDeps,
  summary: SweepSummary,
): Promise<void> {
  const scope = `installation ${installation.id} (${installation.account})`;
  let octokit: ProbotOctokit;
  let targets: SweepTarget[];
  try {
    octokit = await deps.app.auth(installation.id);
    targets = await listRepositories(octokit, installation.id);
  } catch (error) {
    deps.log.error({ err: error, installation: installation.id }, 'spark-tuner sweep could not list an installation\'s repositories');
    summary.failures.push({ scope, reason: `its repositories could not be listed: ${errorSentence(error)}` });
    return;
  }
  summary.repositories += targets.length;
  for (const target of targets) {
    const report = await sweepOne(octokit, target, source, deps);
    if (report) summary.reports.push(report);
  }
}

async function sweepOne(octokit: ProbotOctokit, target: SweepTarget, source: MetricsSource, deps: SweepDeps): Promise<RepoReport | null> {
  const repo = `${target.owner}/${target.repo}`;
  try {
    const report = await sweepRepository(octokit, target, source, deps);
    if (report) deps.log.info({ repo, status: report.status, published: report.published.length }, 'spark-tuner swept a repository');
    return report;
  } catch (error) {
    deps.log.error({ err: error, repo }, 'spark-tuner sweep could not read a repository');
    return failedReport(target, `its base branch could not be read: ${errorSentence(error)}`);
  }
}

async function listInstallations(app: ProbotOctokit): Promise<{ id: number; account: string }[]> {
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  return installations
    .filter((installation) => !installation.suspended_at)
    .map((installation) => ({ id: installation.id, account: accountName(installation.account) }));
}

async function listRepositories(octokit: ProbotOctokit, installationId: number): Promise<SweepTarget[]> {
  const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return repos
    .filter((repo) => !repo.archived && !repo.disabled)
    .map((repo) => ({ owner: repo.owner.login, repo: repo.name, default_branch: repo.default_branch, installation_id: installationId }));
}

function accountName(account: unknown): string {
  if (typeof account !== 'object' || account === null) return 'unknown account';
  if ('login' in account && typeof account.login === 'string') return account.login;
  if ('slug' in account && typeof account.slug === 'string') return account.slug;
  return 'unknown account';
}

function failedReport(target: SweepTarget, reason: string): RepoReport {
  return { ...newReport(target), status: 'failed', reason };
}
