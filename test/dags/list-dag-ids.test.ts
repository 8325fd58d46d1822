import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDagIds } from '../../src/dags/list-dag-ids.js';
import { localRepoFiles } from '../../src/dags/local-repo-files.js';
import type { RepoFiles } from '../../src/dags/types.js';

function files(contents: Record<string, string>): RepoFiles {
  return {
    list: async () => Object.keys(contents),
    read: async (file) => {
      const content = contents[file];
      if (content === undefined) throw new Error(`no ${file}`);
      return content;
    },
  };
}

describe('listDagIds()', () => {
  it('lists the DAG ids of the example repository', async () => {
    const repo = localRepoFiles(path.resolve(import.meta.dirname, '../../examples/dag-repo'));
    expect((await listDagIds(repo, { dag_paths: ['dags/'], include: ['*'], exclude: [] })).ids).toEqual(['daily_sales', 'hourly_events']);
  });

  it('reads only the DAG paths, names files that do not parse, applies include/exclude, and lists each id once', async () => {
    const repo = files({
      'dags/b.py': 'from airflow import DAG\nwith DAG("b_dag") as dag:\n    pass\nDAG(dag_id="a_dag")\n',
      'dags/broken.py': 'with DAG("broken" as dag:\n',
      'dags/again.py': 'from airflow import DAG\nDAG("a_dag")\n',
      'scripts/other.py': 'from airflow import DAG\nDAG("elsewhere")\n',
    });
    const { ids, problems } = await listDagIds(repo, { dag_paths: ['dags/'], include: ['*'], exclude: ['b_*'] });
    expect(ids).toEqual(['a_dag']);
    expect(problems).toEqual([expect.stringMatching(/^dags\/broken\.py does not parse/)]);
  });

  it('skips a file above max_dag_file_mb with one line, and reads it under a larger limit', async () => {
    const repo = files({ 'dags/big.py': `from airflow import DAG\nDAG("big")\n${'x = 1\n'.repeat(2_000)}` });
    const config = { dag_paths: ['dags/'], include: ['*'], exclude: [] };
    expect(await listDagIds(repo, { ...config, max_dag_file_mb: 0.01 })).toEqual({
      ids: [], problems: ['dags/big.py is 11.8 KB, above the 10.2 KB limit for DAG files (max_dag_file_mb), so it was not parsed; skipped.'],
    });
    expect((await listDagIds(repo, { ...config, max_dag_file_mb: 1 })).ids).toEqual(['big']);
  });
});
