import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { githubRepoFiles, MAX_FILE_BYTES } from '../../../src/publish/github/repo-files.js';
import { API, expectNoPendingMocks, mockTree, OWNER, REPO, REPO_PATH, testOctokit, TREE_SHA } from './support/github-mock.js';

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
});
