import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Proposal } from '../types.js';
import { git } from './run-git.js';

/** Keeps the PR body beside the branch, inside `.git/spark-tuner/` (never in the working tree); returns its path. */
export async function saveProposalBody(repoDir: string, proposal: Proposal): Promise<string> {
  const gitDir = path.resolve(repoDir, await git(['rev-parse', '--git-dir'], { cwd: repoDir }));
  const dir = path.join(gitDir, 'spark-tuner');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${proposal.dag_id}.md`);
  await writeFile(file, `# ${proposal.title}\n\n${proposal.body}`, 'utf8');
  return file;
}
