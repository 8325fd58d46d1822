import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitToBranch } from '../../../src/publish/local/commit-to-branch.js';
import { git } from '../../../src/publish/local/run-git.js';
import type { Proposal } from '../../../src/publish/types.js';
import { PERSON, tempGitRepo } from '../../support/temp-git-repo.js';

const OLD = 'conf={\r\n    "spark.executor.memory": "16g",  # tuned\r\n}';
const NEW = 'conf={\r\n    "spark.executor.memory": "8g",  # tuned\r\n}';

function proposal(content = NEW): Proposal {
  return {
    dag_id: 'daily_sales',
    file_path: 'dags/daily_sales.py',
    old_content: OLD,
    new_content: content,
    diff: '',
    title: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g',
    body: 'body',
    commit_message: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g\n\nSpark-Tuner-Fingerprint: f\n',
    fingerprint: 'f',
    labels: [],
    edits: [],
  };
}

describe('commitToBranch', () => {
  it('commits the new content on spark-tuner/<dag_id> without touching the working tree or HEAD', async () => {
    const repo = await tempGitRepo({ 'dags/daily_sales.py': OLD, 'README.md': 'x' });
    const head = await git(['rev-parse', 'HEAD'], { cwd: repo });
    const result = await commitToBranch(repo, proposal());
    expect(result).toMatchObject({ status: 'created', branch: 'spark-tuner/daily_sales', base: head });
    expect(await git(['show', 'spark-tuner/daily_sales:dags/daily_sales.py'], { cwd: repo })).toBe(NEW);
    expect(await git(['rev-parse', 'spark-tuner/daily_sales^'], { cwd: repo })).toBe(head);
    expect(await git(['log', '-1', '--format=%an <%ae>%n%s', 'spark-tuner/daily_sales'], { cwd: repo })).toBe(
      'spark-tuner <spark-tuner@users.noreply.github.com>\nTune daily_sales.load_orders: spark.executor.memory 16g → 8g',
    );
    expect(await git(['diff', '--name-only', 'main', 'spark-tuner/daily_sales'], { cwd: repo })).toBe('dags/daily_sales.py');
    expect(await git(['symbolic-ref', '--short', 'HEAD'], { cwd: repo })).toBe('main');
    expect(await git(['status', '--porcelain'], { cwd: repo })).toBe('');
    expect(await readFile(path.join(repo, 'dags/daily_sales.py'), 'utf8')).toBe(OLD);
  });

  it('is idempotent, and regenerates its own branch on a new base', async () => {
    const repo = await tempGitRepo({ 'dags/daily_sales.py': OLD });
    const first = await commitToBranch(repo, proposal());
    expect(await commitToBranch(repo, proposal())).toMatchObject({ status: 'unchanged', commit: first.status === 'blocked' ? '' : first.commit });
    await writeFile(path.join(repo, 'other.txt'), 'new work on main');
    await git(['add', '-A'], { cwd: repo });
    await git(['commit', '--quiet', '-m', 'more'], { cwd: repo, env: PERSON });
    const again = await commitToBranch(repo, proposal());
    expect(again.status).toBe('updated');
    expect(await git(['rev-parse', 'spark-tuner/daily_sales^'], { cwd: repo })).toBe(await git(['rev-parse', 'main'], { cwd: repo }));
  });

  it('leaves a branch alone once a person committed on it', async () => {
    const repo = await tempGitRepo({ 'dags/daily_sales.py': OLD });
    await commitToBranch(repo, proposal());
    await git(['checkout', '--quiet', 'spark-tuner/daily_sales'], { cwd: repo });
    await writeFile(path.join(repo, 'dags/daily_sales.py'), NEW.replace('8g', '10g'));
    await git(['commit', '--quiet', '-am', 'reviewer prefers 10g'], { cwd: repo, env: PERSON });
    await git(['checkout', '--quiet', 'main'], { cwd: repo });
    const tip = await git(['rev-parse', 'spark-tuner/daily_sales'], { cwd: repo });
    const result = await commitToBranch(repo, proposal());
    expect(result).toEqual({
      status: 'blocked',
      branch: 'spark-tuner/daily_sales',
      reason: 'branch spark-tuner/daily_sales has commits by someone else; spark-tuner leaves it alone (delete the branch to start over).',
    });
    expect(await git(['rev-parse', 'spark-tuner/daily_sales'], { cwd: repo })).toBe(tip);
  });

  it('refuses when the DAG file has uncommitted changes', async () => {
    const repo = await tempGitRepo({ 'dags/daily_sales.py': OLD });
    await writeFile(path.join(repo, 'dags/daily_sales.py'), `${OLD}\n# wip`);
    const result = await commitToBranch(repo, proposal());
    expect(result.status).toBe('blocked');
    expect(await git(['branch', '--list', 'spark-tuner/*'], { cwd: repo })).toBe('');
  });

  it('keeps the file mode of an executable DAG file', async () => {
    const repo = await tempGitRepo({ 'dags/daily_sales.py': OLD });
    await git(['update-index', '--chmod=+x', 'dags/daily_sales.py'], { cwd: repo });
    await git(['commit', '--quiet', '-m', 'x'], { cwd: repo, env: PERSON });
    await git(['checkout', '--quiet', '--', '.'], { cwd: repo });
    await commitToBranch(repo, proposal());
    expect(await git(['ls-tree', 'spark-tuner/daily_sales', 'dags/daily_sales.py'], { cwd: repo })).toMatch(/^100755 blob/);
  });
});
