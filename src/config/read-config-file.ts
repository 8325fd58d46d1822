import { isNotFound } from '../publish/github/request-error.js';
import type { GitHubClient, RepoId } from '../publish/github/types.js';
import { parseRepoConfig } from './read-repo-config.js';
import { DEFAULT_REPO_CONFIG } from './repo-config-schema.js';
import { REPO_CONFIG_PATH, type RepoConfigResult } from './repo-config-types.js';

/**
 * The repository config from the default branch in one call (for handlers that need no other file): a missing
 * file means the defaults, a bad one its problems in plain words and the defaults for the bad keys.
 */
export async function readConfigFile(octokit: GitHubClient, repo: RepoId): Promise<RepoConfigResult> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: REPO_CONFIG_PATH });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      return { config: structuredClone(DEFAULT_REPO_CONFIG), present: false, problems: [`${REPO_CONFIG_PATH} is not a file; using the defaults.`] };
    }
    const text = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
    return { ...parseRepoConfig(text), present: true };
  } catch (error) {
    if (isNotFound(error)) return { config: structuredClone(DEFAULT_REPO_CONFIG), present: false, problems: [] };
    throw error;
  }
}
