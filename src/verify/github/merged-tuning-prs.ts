import type { GitHubClient, RepoId } from '../../publish/github/types.js';

const DAY_MS = 86_400_000;
const PAGE = 100;
const MAX_PAGES = 5;
const BRANCH_PREFIX = 'spark-tuner/';
const REVERT_PREFIX = 'spark-tuner/revert-';

/** A spark-tuner pull request merged within the verification window. */
export interface MergedTuningPr {
  number: number;
  url: string;
  branch: string;
  body: string;
  merged_at: number;
  labels: string[];
}

/**
 * The app's own tuning pull requests (branch `spark-tuner/*`, not a revert) merged in the last `windowDays` days,
 * newest update first. Closed pull requests are listed by update time, so listing stops at the first page that
 * reaches past the window (a PR merged in the window was updated in it too).
 */
export async function mergedTuningPrs(octokit: GitHubClient, repo: RepoId, botLogin: string, now: number, windowDays: number): Promise<MergedTuningPr[]> {
  const since = now - windowDays * DAY_MS;
  const found: MergedTuningPr[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { data } = await octokit.rest.pulls.list({ ...repo, state: 'closed', sort: 'updated', direction: 'desc', per_page: PAGE, page });
    for (const pr of data) {
      const mergedAt = pr.merged_at === null ? Number.NaN : Date.parse(pr.merged_at);
      const branch = pr.head.ref;
      if (!(mergedAt >= since) || !branch.startsWith(BRANCH_PREFIX) || branch.startsWith(REVERT_PREFIX)) continue;
      if (pr.user?.login !== botLogin) continue;
      found.push({ number: pr.number, url: pr.html_url, branch, body: pr.body ?? '', merged_at: mergedAt, labels: pr.labels.map((label) => label.name) });
    }
    const last = data.at(-1);
    if (data.length < PAGE || last === undefined || Date.parse(last.updated_at) < since) break;
  }
  return found;
}
