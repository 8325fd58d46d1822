import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { githubRepoFiles, MAX_FILE_BYTES, PREFETCH_MIN_FILES } from '../../../src/publish/github/repo-files.js';
import { API, blobSha, expectNoPendingMocks, mockTree, OWNER, REPO, REPO_PATH, testOctokit, TREE_SHA } from './support/github-mock.js';

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

  it('skips files over 1 MB and says so when one is read', async () => {
    mockTree(nock(API), [
      { path: 'data/big.csv', content: 'x', size: MAX_FILE_BYTES + 1 },
      { path: 'dags/a.py', content: 'a = 1\n' },
    ]);
    const files = githubRepoFiles(testOctokit(), repo, TREE_SHA);

    expect(await files.list()).toEqual(['dags/a.py']);
    expect(await files.skipped()).toEqual(['data/big.csv']);
    await expect(files.read('data/big.csv')).rejects.toThrow('data/big.csv is larger than 1 MB and was skipped.');
    await expect(files.read('dags/missing.py')).rejects.toThrow('dags/missing.py is not in the repository.');
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
