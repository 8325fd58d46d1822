import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { branchName, type Proposal } from '../types.js';
import { BOT_EMAIL, BOT_ENV } from './bot-identity.js';
import { git, runGit } from './run-git.js';

export type LocalPublishResult =
  | { status: 'created' | 'updated' | 'unchanged'; branch: string; commit: string; base: string }
  | { status: 'blocked'; branch: string; reason: string };

/**
 * Commits the proposal on branch `spark-tuner/<dag_id>` of a local repository, on top of its current HEAD,
 * with git plumbing: the working tree, the index and the checked-out branch are never touched. Like the
 * GitHub flow, an existing branch is regenerated only while every commit on it is spark-tuner's.
 */
export async function commitToBranch(repoDir: string, proposal: Proposal): Promise<LocalPublishResult> {
  const cwd = repoDir;
  const branch = branchName(proposal.dag_id);
  const ref = `refs/heads/${branch}`;
  const base = await git(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd });
  const dirty = await git(['status', '--porcelain=v1', '--', proposal.file_path], { cwd });
  if (dirty !== '') {
    return { status: 'blocked', branch, reason: `${proposal.file_path} has uncommitted changes; commit or stash them, then run again.` };
  }

  const tree = await treeWithFile(cwd, base, proposal.file_path, proposal.new_content);
  const existing = (await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, okCodes: [1] })).stdout.trim();
  if (existing) {
    const others = await git(['log', '--format=%ae', `${base}..${existing}`], { cwd });
    if (others.split('\n').some((email) => email !== '' && email !== BOT_EMAIL)) {
      return { status: 'blocked', branch, reason: `branch ${branch} has commits by someone else; spark-tuner leaves it alone (delete the branch to start over).` };
    }
    const [existingTree, existingParent] = (await git(['show', '-s', '--format=%T %P', existing], { cwd })).split(' ');
    if (existingTree === tree && existingParent === base) return { status: 'unchanged', branch, commit: existing, base };
  }

  const commit = await git(['commit-tree', tree, '-p', base, '-F', '-'], { cwd, env: BOT_ENV, input: proposal.commit_message });
  await git(['update-ref', '-m', 'spark-tuner: propose tuning', ref, commit, existing || ''], { cwd });
  return { status: existing ? 'updated' : 'created', branch, commit, base };
}

/** The tree of `base` with one file's content replaced, built in a throwaway index. */
async function treeWithFile(cwd: string, base: string, filePath: string, content: string): Promise<string> {
  const listing = await git(['ls-tree', base, '--', filePath], { cwd });
  const mode = /^(\d{6}) blob /.exec(listing)?.[1] ?? '100644';
  const blob = await git(['hash-object', '-w', '--stdin', `--path=${filePath}`], { cwd, input: content });
  const scratch = await mkdtemp(path.join(tmpdir(), 'spark-tuner-index-'));
  const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
  try {
    await git(['read-tree', base], { cwd, env });
    await git(['update-index', '--add', '--cacheinfo', `${mode},${blob},${filePath}`], { cwd, env });
    return await git(['write-tree'], { cwd, env });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
