import type { GitHubClient, RepoId } from '../publish/github/types.js';
import { isNotFound } from '../publish/github/request-error.js';

const ROLES = new Set(['admin', 'maintain', 'write']);
/** Legacy permission levels: custom roles built on write (or admin) report these. */
const PERMISSIONS = new Set(['admin', 'write']);

/** True when the user may run commands: a write, maintain or admin role on the repository. */
export async function canRunCommands(octokit: GitHubClient, repo: RepoId, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    return ROLES.has(data.role_name) || PERMISSIONS.has(data.permission);
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
