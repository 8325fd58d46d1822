import { httpStatus, isNotFound } from './request-error.js';
import type { GitHubClient, RepoId } from './types.js';

/** A label the app puts on issues and pull requests. */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** The app's own labels, with their colors and descriptions; any other label gets a neutral look. */
export const KNOWN_LABELS: readonly LabelSpec[] = [
  { name: 'spark-tuning', color: 'e25a1c', description: 'Spark configuration tuned by spark-tuner' },
  { name: 'cost', color: '0e8a16', description: 'spark-tuner: saves compute without risking the job' },
  { name: 'reliability', color: 'd93f0b', description: 'spark-tuner: prevents failures, spills or retries' },
  { name: 'spark-tuning:verified', color: '1d76db', description: 'spark-tuner: the runs after the merge confirm the change' },
  { name: 'spark-tuning:regressed', color: 'b60205', description: 'spark-tuner: the runs after the merge got worse' },
];

/** The spec of a label by name: the known one, or a neutral color with a generic description. */
export function labelSpec(name: string): LabelSpec {
  return KNOWN_LABELS.find((label) => label.name === name) ?? { name, color: 'ededed', description: 'Added by spark-tuner' };
}

/**
 * Makes sure each label exists (a missing one is created with its color and description); an existing label is
 * left as people configured it. Idempotent and safe when two runs race: "already exists" (422) counts as done.
 */
export async function ensureLabels(octokit: GitHubClient, repo: RepoId, names: string[]): Promise<void> {
  for (const name of new Set(names)) {
    if (await labelExists(octokit, repo, name)) continue;
    try {
      await octokit.rest.issues.createLabel({ ...repo, ...labelSpec(name) });
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
    }
  }
}

async function labelExists(octokit: GitHubClient, repo: RepoId, name: string): Promise<boolean> {
  try {
    await octokit.rest.issues.getLabel({ ...repo, name });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
