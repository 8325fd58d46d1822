import type { Proposal } from '../types.js';
import type { BaseSnapshot } from './base-snapshot.js';
import type { GitHubClient, RepoId } from './types.js';

type FileMode = '100644' | '100755';
const FILE_MODES: readonly (string | null)[] = ['100644', '100755'] satisfies FileMode[];

/**
 * Writes the proposal's file as one commit whose parent is the base commit: a tree on top of the base tree
 * (`base_tree`, inline content, the file's own mode), then the commit. Returns the commit's sha; no ref moves.
 */
export async function commitProposal(
  octokit: GitHubClient,
  repo: RepoId,
  base: BaseSnapshot,
  proposal: Proposal,
): Promise<string> {
  const current = await base.files.mode(proposal.file_path);
  // Keep the file's mode (an executable DAG file stays executable); anything else becomes a regular file.
  const mode = isFileMode(current) ? current : '100644';
  const { data: tree } = await octokit.rest.git.createTree({
    ...repo,
    base_tree: base.tree_sha,
    tree: [{ path: proposal.file_path, mode, type: 'blob', content: proposal.new_content }],
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    ...repo,
    message: proposal.commit_message,
    tree: tree.sha,
    parents: [base.commit_sha],
  });
  return commit.sha;
}

function isFileMode(mode: string | null): mode is FileMode {
  return FILE_MODES.includes(mode);
}
