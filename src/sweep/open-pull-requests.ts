import type { ProbotOctokit } from 'probot';
import { readFingerprint } from '../publish/github/fingerprint-marker.js';
import type { PullRequestRef, RepoId } from '../publish/github/types.js';

/** An open pull request from a `spark-tuner/…` branch of the repository itself. */
export interface OpenTuningPr extends PullRequestRef {
  branch: string;
  /** The fingerprint marker of its body (null when it has none). */
  fingerprint: string | null;
}

const PREFIX = 'spark-tuner/';

/** The repository's open spark-tuner pull requests: one `pulls.list` call per 100 open pull requests. */
export async function listOpenTuningPrs(octokit: Pick<ProbotOctokit, 'rest' | 'paginate'>, repo: RepoId): Promise<OpenTuningPr[]> {
  const prs = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
  const fullName = `${repo.owner}/${repo.repo}`.toLowerCase();
  return prs
    .filter((pr) => pr.head.ref.startsWith(PREFIX) && pr.head.repo?.full_name.toLowerCase() === fullName)
    .map((pr) => ({ number: pr.number, url: pr.html_url, branch: pr.head.ref, fingerprint: readFingerprint(pr.body) }));
}
