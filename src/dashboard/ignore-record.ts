import type { GitHubClient, RepoId } from '../publish/github/types.js';
import { readIgnoreLines, replaceSection } from './body-markers.js';
import { findDashboard } from './find-dashboard.js';
import type { IgnoreEntry } from './ignore-entry.js';
import { IGNORED_SECTION, renderDashboard, renderIgnored } from './render-dashboard.js';
import { createDashboard, writeIfChanged, type DashboardOutcome } from './sync-dashboard.js';
import { emptyDashboard, type DashboardContent } from './types.js';

/**
 * The ignored proposals recorded on the repository's dashboard (open or closed: closing the dashboard stops its
 * updates, not its record). Ticked boxes not yet handled count as un-ignored.
 */
export async function readIgnores(octokit: GitHubClient, repo: RepoId, botLogin: string): Promise<IgnoreEntry[]> {
  const dashboard = await findDashboard(octokit, repo, botLogin);
  return readIgnoreLines(dashboard?.body).filter((line) => !line.ticked).map((line) => line.entry);
}

/** What an edit of the ignore record did: the entries before and after, and the dashboard's number. */
export interface IgnoreEdit {
  before: IgnoreEntry[];
  after: IgnoreEntry[];
  outcome: DashboardOutcome;
}

/**
 * Changes the ignore record (the "Ignored proposals" section of the dashboard body) with `change`; only that
 * section is rewritten, and only when it changes. A repository without a dashboard gets one, showing `seed`
 * (e.g. the config's problems) until the next sweep fills it.
 */
export async function editIgnores(
  octokit: GitHubClient,
  repo: RepoId,
  botLogin: string,
  change: (entries: IgnoreEntry[]) => IgnoreEntry[],
  seed: DashboardContent = emptyDashboard(),
): Promise<IgnoreEdit> {
  const dashboard = await findDashboard(octokit, repo, botLogin);
  const before = readIgnoreLines(dashboard?.body).filter((line) => !line.ticked).map((line) => line.entry);
  const after = change(before);
  if (dashboard === null) {
    if (after.length === 0) return { before, after, outcome: { kind: 'absent' } };
    return { before, after, outcome: await createDashboard(octokit, repo, renderDashboard(seed, after)) };
  }
  const body = replaceSection(dashboard.body, IGNORED_SECTION, renderIgnored(after));
  return { before, after, outcome: await writeIfChanged(octokit, repo, dashboard, body) };
}
