import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listDagIds } from '../../../src/dags/list-dag-ids.js';
import { locateDag } from '../../../src/dags/locate.js';
import { githubRepoFiles, PREFETCH_MAX_BYTES, PREFETCH_MIN_FILES } from '../../../src/publish/github/repo-files.js';
import { API, blobSha, expectNoPendingMocks, mockTree, OWNER, REPO, REPO_PATH, testOctokit, TREE_SHA, type TreeFile } from './support/github-mock.js';

const repo = { owner: OWNER, repo: REPO };

describe('githubRepoFiles()', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('lists the files of one recursive tree call and reads each blob once', async () => {
    const scope = nock(API);
    const mockRead = mockTree(scope, [
      { path: 'dags/daily_sales.py', content: 'print("é")\r\n', mode: '100755' },
      { path: 'README.md', content: '# hi\n' },
    ]);
    mockRead('dags/daily_sales.py');
    const files = githubRepoFiles(testOctokit(), repo, TREE_SHA);

    expect(await files.list()).toEqual(['dags/daily_sales.py', 'README.md']);
    expect(await files.read('dags/daily_sales.py')).toBe('print("é")\r\n');
    expect(await files.read('dags/daily_sales.py')).toBe('print("é")\r\n');
    expect(await files.mode('dags/daily_sales.py')).toBe('100755');
    expect(await files.mode('dags')).toBeNull();
    expect(await files.problems()).toEqual([]);
  });

  it('reads a file over 1 MB through the git blobs API', async () => {
    const big = `from airflow import DAG\nwith DAG("big_dag"):\n    pass\n${'x = 1\n'.repeat(250_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1.4 * 1024 * 1024);
    const scope = nock(API);
    const mockRead = mockTree(scope, [{ path: 'dags/big.py', content: big }, { path: 'dags/a.py', content: 'a = 1\n' }]);
    mockRead('dags/big.py');
    const files = githubRepoFiles(testOctokit(), repo, TREE_SHA);

    expect(await files.list()).toEqual(['dags/big.py', 'dags/a.py']);
    expect(await files.size('dags/big.py')).toBe(Buffer.byteLength(big));
    expect(await files.read('dags/big.py')).toBe(big);
    await expect(files.read('dags/missing.py')).rejects.toThrow('dags/missing.py is not in the repository.');
  });

  it('refuses a DAG file above max_dag_file_mb by its listed size, without fetching it', async () => {
    const scope = nock(API);
    const mockRead = mockTree(scope, [
      { path: 'dags/huge.py', content: 'with DAG("huge"): pass\n', size: 6 * 1024 * 1024 },
      { path: 'dags/a.py', content: 'from airflow import DAG\nwith DAG("a"):\n    pass\n' },
    ]);
    mockRead('dags/a.py');
    const files = githubRepoFiles(testOctokit(), repo, TREE_SHA);

    expect(await listDagIds(files, { dag_paths: ['dags/'], include: ['*'], exclude: [], max_dag_file_mb: 5 })).toEqual({
      ids: ['a'],
      problems: ['dags/huge.py is 6 MB, above the 5 MB limit for DAG files (max_dag_file_mb), so it was not parsed; skipped.'],
    });
    expect(await locateDag(files, ['dags/'], 'huge', { maxFileBytes: 5 * 1024 * 1024 })).toEqual({
      kind: 'not-found',
      searched: 2,
      problems: ['dags/huge.py is 6 MB, above the 5 MB limit for DAG files (max_dag_file_mb), so it was not parsed; skipped'],
    });
  });

  it('leaves files over 1 MB out of GraphQL batches', async () => {
    const many: TreeFile[] = Array.from({ length: PREFETCH_MIN_FILES + 1 }, (_, i) => ({ path: `dags/m${i}.py`, content: `y = ${i}\n` }));
    many[0] = { path: 'dags/m0.py', content: 'y = 0\n', size: PREFETCH_MAX_BYTES + 1 };
    const scope = nock(API);
    mockTree(scope, many);
    const asked: string[] = [];
    scope.post('/graphql').reply(200, (_uri, body) => {
      asked.push(...Object.values((body as { variables: Record<string, string> }).variables));
      return { data: { repository: {} } };
    });
    await githubRepoFiles(testOctokit(), repo, TREE_SHA).prefetch(many.map((file) => file.path));

    expect(asked).toContain(blobSha(1));
    expect(asked).not.toContain(blobSha(0));
  });

  it('reports a truncated tree', async () => {
    mockTree(nock(API), [{ path: 'dags/a.py', content: 'a = 1\n' }], { truncated: true });
    const files = githubRepoFiles(testOctokit(), repo, TREE_SHA);

    expect(await files.problems()).toEqual([
      'The file list of Codertocat/Hello-World is too large for GitHub to return in full; some DAG files may have been missed.',
    ]);
  });

  it('decodes utf-8 encoded blobs too', async () => {
    const scope = nock(API);
    mockTree(scope, [{ path: 'a.txt', content: 'ok' }]);
    scope.get(`${REPO_PATH}/git/blobs/${'0'.padStart(40, 'f')}`).reply(200, { encoding: 'utf-8', content: 'plain ü' });
    const files = githubRepoFiles(testOctokit(), repo, TREE_SHA);

    expect(await files.read('a.txt')).toBe('plain ü');
  });

  it('reads many files in GraphQL batches of 50, and the ones GraphQL leaves out over REST', async () => {
    const count = 60;
    const files = Array.from({ length: count }, (_, i) => ({ path: `dags/dag_${i}.py`, content: `dag_id = "d${i}"\n` }));
    const scope = nock(API);
    const mockRead = mockTree(scope, files);
    const queries: Record<string, string>[] = [];
    scope
      .post('/graphql')
      .times(2)
      .reply(200, (_uri, body) => {
        const variables = (body as { variables: Record<string, string> }).variables;
        queries.push(variables);
        const repository: Record<string, unknown> = {};
        for (const [name, sha] of Object.entries(variables)) {
          if (!name.startsWith('o')) continue;
          const index = files.findIndex((_, i) => blobSha(i) === sha);
          // dag_7 is reported truncated: it must come over REST
          repository[`b${name.slice(1)}`] = { text: files[index]?.content ?? null, isBinary: false, isTruncated: index === 7 };
        }
        return { data: { repository } };
      });
    mockRead('dags/dag_7.py');
    const repoFiles = githubRepoFiles(testOctokit(), repo, TREE_SHA);

    await repoFiles.prefetch(files.map((file) => file.path));
    const texts = await Promise.all(files.map((file) => repoFiles.read(file.path)));

    expect(texts).toEqual(files.map((file) => file.content));
    expect(queries.map((variables) => Object.keys(variables).length - 2)).toEqual([50, 10]);
    expect(queries[0]).toMatchObject({ owner: OWNER, name: REPO, o0: blobSha(0), o49: blobSha(49) });
  });

  it('leaves a few files to REST, and falls back to REST when GraphQL fails', async () => {
    const few = Array.from({ length: PREFETCH_MIN_FILES - 1 }, (_, i) => ({ path: `dags/f${i}.py`, content: `x = ${i}\n` }));
    const scope = nock(API);
    const mockRead = mockTree(scope, few);
    mockRead('dags/f3.py');
    const fewFiles = githubRepoFiles(testOctokit(), repo, TREE_SHA);
    await fewFiles.prefetch(few.map((file) => file.path));
    expect(await fewFiles.read('dags/f3.py')).toBe('x = 3\n');

    const many = Array.from({ length: PREFETCH_MIN_FILES }, (_, i) => ({ path: `dags/m${i}.py`, content: `y = ${i}\n` }));
    const again = nock(API);
    const readMany = mockTree(again, many);
    again.post('/graphql').reply(502, { message: 'Bad Gateway' });
    readMany('dags/m5.py');
    const manyFiles = githubRepoFiles(testOctokit(), repo, TREE_SHA);
    await manyFiles.prefetch(many.map((file) => file.path));
    expect(await manyFiles.read('dags/m5.py')).toBe('y = 5\n');
  });
});
