import type { GitHubClient, RepoId } from '../publish/github/types.js';
import { DASHBOARD_MARKER } from './body-markers.js';

/** The dashboard issue as found on GitHub. */
export interface DashboardIssue {
  number: number;
  state: 'open' | 'closed';
  body: string;
}

const PER_PAGE = 100;
const MAX_PAGES = 10;
export const DASHBOARD_LABEL = 'spark-tuning';

/**
 * The repository's dashboard, open or closed: an issue by the app (`creator`, as Renovate finds its own issues)
 * whose body carries the hidden marker. Not filtered by label, so a person removing `spark-tuning` from it does
 * not lead to a second one. With more than one, the open one with the lowest number wins (never two).
 */
export async function findDashboard(octokit: GitHubClient, repo: RepoId, botLogin: string): Promise<DashboardIssue | null> {
  const found: DashboardIssue[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { data } = await octokit.rest.issues.listForRepo({
      ...repo,
      creator: botLogin,
      state: 'all',
      sort: 'created',
      direction: 'asc',
      per_page: PER_PAGE,
      page,
    });
    for (const issue of data) {
      if (issue.pull_request || !issue.body?.includes(DASHBOARD_MARKER)) continue;
      found.push({ number: issue.number, state: issue.state === 'open' ? 'open' : 'closed', body: issue.body });
    }
    if (data.length < PER_PAGE) break;
  }
  return found.find((issue) => issue.state === 'open') ?? found[0] ?? null;
}
