import type { RepoConfig } from '../config/repo-config-types.js';
import { ensureLabels } from '../publish/github/ensure-labels.js';
import type { GitHubClient, RepoId } from '../publish/github/types.js';
import { readIgnoreLines } from './body-markers.js';
import { DASHBOARD_LABEL, findDashboard, type DashboardIssue } from './find-dashboard.js';
import { DASHBOARD_TITLE, renderDashboard } from './render-dashboard.js';
import type { DashboardContent } from './types.js';

/** What syncing did: `closed` means a person closed it, and it is neither edited nor recreated. */
export type DashboardOutcome =
  | { kind: 'disabled' }
  /** No dashboard exists and nothing needed one. */
  | { kind: 'absent' }
  | { kind: 'created' | 'updated' | 'unchanged' | 'closed'; number: number };

export interface DashboardOptions {
  /** The app's own login (`<slug>[bot]`): only its issue is the dashboard. */
  botLogin: () => Promise<string>;
}

/**
 * Keeps the repository's one dashboard issue showing `content` (DESIGN §11), for the sweep to call: created when
 * absent, edited only when the rendered body differs, left alone when closed or with `dashboard: false`. The
 * ignored proposals are kept from the current body (the issue is their record; see `ignore-record.ts`).
 */
export async function syncDashboard(
  octokit: GitHubClient,
  repo: RepoId,
  content: DashboardContent,
  config: Pick<RepoConfig, 'dashboard'>,
  options: DashboardOptions,
): Promise<DashboardOutcome> {
  if (!config.dashboard) return { kind: 'disabled' };
  const existing = await findDashboard(octokit, repo, await options.botLogin());
  if (existing === null) return createDashboard(octokit, repo, renderDashboard(content, []));
  if (existing.state === 'closed') return { kind: 'closed', number: existing.number };
  // A ticked box means "un-ignore": it leaves the record here too, in case this runs before `issues.edited`.
  const ignores = readIgnoreLines(existing.body).filter((line) => !line.ticked).map((line) => line.entry);
  return writeIfChanged(octokit, repo, existing, renderDashboard(content, ignores));
}

/** Creates the dashboard issue with its label (created first if missing). */
export async function createDashboard(octokit: GitHubClient, repo: RepoId, body: string): Promise<DashboardOutcome> {
  await ensureLabels(octokit, repo, [DASHBOARD_LABEL]);
  const { data } = await octokit.rest.issues.create({ ...repo, title: DASHBOARD_TITLE, body, labels: [DASHBOARD_LABEL] });
  return { kind: 'created', number: data.number };
}

/** Edits the issue's body only when it differs (line endings aside): an unchanged dashboard costs no write. */
export async function writeIfChanged(
  octokit: GitHubClient,
  repo: RepoId,
  issue: DashboardIssue,
  body: string,
): Promise<DashboardOutcome> {
  if (normalize(issue.body) === normalize(body)) return { kind: 'unchanged', number: issue.number };
  await octokit.rest.issues.update({ ...repo, issue_number: issue.number, body });
  return { kind: 'updated', number: issue.number };
}

function normalize(body: string): string {
  return body.replace(/\r\n/g, '\n').trimEnd();
}
