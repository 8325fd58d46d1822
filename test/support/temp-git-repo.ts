import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { git } from '../../src/publish/local/run-git.js';

export const PERSON = {
  GIT_AUTHOR_NAME: 'Dana Engineer',
  GIT_AUTHOR_EMAIL: 'dana@example.com',
  GIT_COMMITTER_NAME: 'Dana Engineer',
  GIT_COMMITTER_EMAIL: 'dana@example.com',
};

/** A new git repository holding `files`, committed on `main` by a person. */
export async function tempGitRepo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-repo-'));
  await git(['init', '--quiet', '--initial-branch=main', dir], { cwd: dir });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  await git(['add', '-A'], { cwd: dir });
  await git(['commit', '--quiet', '-m', 'initial'], { cwd: dir, env: PERSON });
  return dir;
}
