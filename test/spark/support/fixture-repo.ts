import { cp } from 'node:fs/promises';
import path from 'node:path';
import { git } from '../../../src/publish/local/run-git.js';
import { PERSON } from '../../support/temp-git-repo.js';
import { dagConf, ROOT } from './spark.js';

/** The fixture DAG repository (`test/spark/dag-repo`: one SparkSubmitOperator per workload) as a git clone at `dir`. */
export async function createFixtureRepo(dir: string): Promise<string> {
  await cp(path.join(ROOT, 'test/spark/dag-repo'), dir, { recursive: true });
  await git(['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  await git(['add', '-A'], { cwd: dir });
  await git(['commit', '--quiet', '-m', 'DAGs'], { cwd: dir, env: PERSON });
  return dir;
}

/** The Spark conf of `dagId`'s DAG file as committed on spark-tuner's branch, templates filled in for one run. */
export async function committedConf(repo: string, dagId: string, runId: string): Promise<Record<string, string>> {
  const source = await git(['show', `spark-tuner/${dagId}:dags/${dagId}.py`], { cwd: repo });
  return dagConf(source, { dagId, runId });
}

/** The spark-tuner branches `tune` left in the repository, sorted. */
export async function tunedBranches(repo: string): Promise<string[]> {
  const out = await git(['branch', '--list', 'spark-tuner/*'], { cwd: repo });
  return out.split('\n').map((line) => line.replace('*', '').trim()).filter(Boolean).sort();
}
