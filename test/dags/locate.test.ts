import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/dags/local-repo-files.js';
import { locateDag } from '../../src/dags/locate.js';
import type { RepoFiles } from '../../src/dags/types.js';

const REPO_DIR = fileURLToPath(new URL('./fixtures/locate-repo/', import.meta.url));
const repo = localRepoFiles(REPO_DIR);

function memoryRepo(files: Record<string, string>, missing: string[] = []): RepoFiles {
  return {
    list: async () => [...Object.keys(files), ...missing],
    read: async (path) => {
      const content = files[path];
      if (content === undefined) throw new Error(`no such file: ${path}`);
      return content;
    },
  };
}

describe('locateDag', () => {
  it('finds the one file under the DAG paths that defines the DAG, with its tasks', async () => {
    const result = await locateDag(repo, ['dags/'], 'daily_sales');
    expect(result).toEqual({
      kind: 'found',
      path: 'dags/sales/daily_sales.py',
      content: readFileSync(`${REPO_DIR}dags/sales/daily_sales.py`, 'utf8'),
      task_ids: ['start', 'load_orders', 'build_report'],
    });
  });

  it('accepts simple globs as DAG paths', async () => {
    const result = await locateDag(repo, ['dags/*/daily_*.py'], 'daily_sales');
    expect(result.kind === 'found' ? result.path : result).toBe('dags/sales/daily_sales.py');
  });

  it('is ambiguous when two files define the DAG', async () => {
    expect(await locateDag(repo, ['dags'], 'copied_dag')).toEqual({
      kind: 'ambiguous',
      paths: ['dags/dup/first.py', 'dags/dup/second.py'],
    });
  });

  it('looks only under the DAG paths', async () => {
    expect(await locateDag(repo, ['.'], 'daily_sales')).toEqual({
      kind: 'ambiguous',
      paths: ['dags/sales/daily_sales.py', 'scripts/daily_sales_backfill.py'],
    });
  });

  it('reports files that do not parse when the DAG is not found', async () => {
    expect(await locateDag(repo, ['dags/'], 'orders_hourly')).toEqual({
      kind: 'not-found',
      searched: 7,
      problems: ['dags/broken_orders.py does not parse (syntax error at line 5); skipped'],
    });
  });

  it('finds a DAG defined in a dag-factory YAML file, and not in a YAML file that only mentions its id', async () => {
    const result = await locateDag(repo, ['dags/'], 'orders_factory');
    expect(result).toEqual({
      kind: 'found',
      path: 'dags/factory/orders.yml',
      content: readFileSync(`${REPO_DIR}dags/factory/orders.yml`, 'utf8'),
      task_ids: ['load_orders', 'report'],
    });
  });

  it('reports a YAML file that does not parse when the DAG is not found', async () => {
    const files = { 'dags/a.yaml': 'nightly:\n  tasks:\n    load: {operator: x\n', 'dags/b.py': 'x = 1\n' };
    expect(await locateDag(memoryRepo(files), ['dags/'], 'nightly')).toEqual({
      kind: 'not-found',
      searched: 2,
      problems: ['dags/a.yaml does not parse (syntax error at line 4); skipped'],
    });
  });

  it('does not take a mention of the id (a comment, a docstring) for a definition', async () => {
    expect(await locateDag(repo, ['dags/common/'], 'daily_sales')).toEqual({ kind: 'not-found', searched: 1, problems: [] });
  });

  it('skips files over the size limit (5 MB by default) unparsed, and files it cannot read, and says so', async () => {
    const huge = `from airflow import DAG\ndag = DAG("big_dag")\n${'# padding\n'.repeat(560_000)}`;
    const result = await locateDag(memoryRepo({ 'dags/huge.py': huge }, ['dags/gone.py']), ['dags/'], 'big_dag');
    expect(result).toEqual({
      kind: 'not-found',
      searched: 2,
      problems: [
        'dags/gone.py could not be read (no such file: dags/gone.py); skipped',
        'dags/huge.py is 5.3 MB, above the 5 MB limit for DAG files (max_dag_file_mb), so it was not parsed; skipped',
      ],
    });
  });

  it('finds DAG ids built from the file name or from constants, which are not written quoted', async () => {
    const task = '    BashOperator(task_id="t", bash_command="true")\n';
    const files = {
      'dags/sales/sales_hourly.py': `import os\nfrom airflow import DAG\nwith DAG(os.path.basename(__file__).replace(".py", "")) as dag:\n${task}`,
      'dags/sales/other.py': `from airflow import DAG\nTEAM = "sales"\nwith DAG(f"{TEAM}_daily") as dag:\n${task}`,
      'dags/sales/copy.py': `from airflow import DAG\nwith DAG("sales_" + "weekly") as dag:\n${task}`,
    };
    const located = memoryRepo(files);
    expect(await locateDag(located, ['dags/'], 'sales_hourly')).toMatchObject({ kind: 'found', path: 'dags/sales/sales_hourly.py', task_ids: ['t'] });
    expect(await locateDag(located, ['dags/'], 'sales_daily')).toMatchObject({ kind: 'found', path: 'dags/sales/other.py' });
    expect(await locateDag(located, ['dags/'], 'sales_weekly')).toMatchObject({ kind: 'found', path: 'dags/sales/copy.py' });
    expect(await locateDag(located, ['dags/'], 'other')).toMatchObject({ kind: 'not-found' });
  });

  it('takes another size limit', async () => {
    const small = `from airflow import DAG\ndag = DAG("big_dag")\n${'# padding\n'.repeat(200)}`;
    const repo = memoryRepo({ 'dags/small.py': small });
    expect(await locateDag(repo, ['dags/'], 'big_dag', { maxFileBytes: 1024 })).toEqual({
      kind: 'not-found', searched: 1,
      problems: ['dags/small.py is 2 KB, above the 1 KB limit for DAG files (max_dag_file_mb), so it was not parsed; skipped'],
    });
    expect(await locateDag(repo, ['dags/'], 'big_dag', { maxFileBytes: 4096 })).toMatchObject({ kind: 'found' });
  });
});
