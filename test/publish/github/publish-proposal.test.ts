import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BaseSnapshot } from '../../../src/publish/github/base-snapshot.js';
import { gitBlobSha } from '../../../src/publish/github/git-blob-sha.js';
import { publishProposal } from '../../../src/publish/github/publish-proposal.js';
import { githubRepoFiles } from '../../../src/publish/github/repo-files.js';
import {
  API,
  BASE_SHA,
  DEFAULT_BRANCH,
  expectNoPendingMocks,
  mockLabelsExist,
  mockTree,
  OWNER,
  REPO,
  REPO_PATH,
  sha,
  testOctokit,
  TREE_SHA,
} from './support/github-mock.js';
import { DAG_FILE, makeProposal, NEW_DAG, OLD_DAG } from './support/proposal.js';

const repo = { owner: OWNER, repo: REPO };
const BRANCH_REF = `${REPO_PATH}/git/ref/heads%2Fspark-tuner%2Fdaily_sales`;
const BOT = 'spark-tuner[bot]';
const PULLS_QUERY = { head: `${OWNER}:spark-tuner/daily_sales`, state: 'all', per_page: '100' };
const OPEN_PR = { number: 5, state: 'open', merged_at: null, body: 'old body', html_url: 'https://github.com/Codertocat/Hello-World/pull/5' };

function setup() {
  const octokit = testOctokit();
  const base: BaseSnapshot = { branch: DEFAULT_BRANCH, commit_sha: BASE_SHA, tree_sha: TREE_SHA, files: githubRepoFiles(octokit, repo, TREE_SHA) };
  let botLookups = 0;
  const botLogin = async () => {
    botLookups += 1;
    return BOT;
  };
  return { octokit, base, botLogin, botLookups: () => botLookups };
}

function commit(login: string | null) {
  return { sha: sha(login === BOT ? 'c' : 'h'), author: login ? { login } : null, commit: { author: { name: 'A Person' } } };
}

/** Mocks the tree, the new tree on the base tree, and the commit on the base commit. */
function mockNewCommit(scope: nock.Scope, mode = '100644') {
  mockTree(scope, [{ path: DAG_FILE, content: OLD_DAG, mode }]);
  scope
    .post(`${REPO_PATH}/git/trees`, { base_tree: TREE_SHA, tree: [{ path: DAG_FILE, mode, type: 'blob', content: NEW_DAG }] })
    .reply(201, { sha: sha('n') });
  scope
    .post(`${REPO_PATH}/git/commits`, { message: makeProposal().commit_message, tree: sha('n'), parents: [BASE_SHA] })
    .reply(201, { sha: sha('m') });
}

describe('publishProposal()', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('opens a pull request on a new branch whose commit has the base commit as parent, keeping the file mode', async () => {
    const { octokit, base, botLogin, botLookups } = setup();
    const scope = nock(API);
    scope.get(`${REPO_PATH}/pulls`).query(PULLS_QUERY).reply(200, []);
    scope.get(BRANCH_REF).reply(404, { message: 'Not Found' });
    mockNewCommit(scope, '100755');
    scope.post(`${REPO_PATH}/git/refs`, { ref: 'refs/heads/spark-tuner/daily_sales', sha: sha('m') }).reply(201, {});
    const proposal = makeProposal();
    scope
      .post(`${REPO_PATH}/pulls`, {
        head: 'spark-tuner/daily_sales',
        base: DEFAULT_BRANCH,
        body: proposal.body,
        title: proposal.title,
        maintainer_can_modify: true,
      })
      .reply(201, { number: 7, html_url: 'https://github.com/Codertocat/Hello-World/pull/7' });
    mockLabelsExist(scope, ['spark-tuning', 'cost']);
    scope.post(`${REPO_PATH}/issues/7/labels`, { labels: ['spark-tuning', 'cost'] }).reply(200, []);

    const outcome = await publishProposal(octokit, repo, proposal, { base, botLogin });

    expect(outcome).toEqual({ kind: 'opened', pr: { number: 7, url: 'https://github.com/Codertocat/Hello-World/pull/7' }, reason: 'opened #7', notes: [] });
    expect(botLookups()).toBe(0);
  });

  it('regenerates the open pull request on the current base and force-moves a branch with only its own commits', async () => {
    const { octokit, base, botLogin } = setup();
    const scope = nock(API);
    scope.get(`${REPO_PATH}/pulls`).query(PULLS_QUERY).reply(200, [OPEN_PR]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: sha('o') } });
    scope
      .get(`${REPO_PATH}/compare/${BASE_SHA}...${sha('o')}`)
      .reply(200, { ahead_by: 1, behind_by: 3, commits: [commit(BOT)], files: [{ filename: DAG_FILE, sha: gitBlobSha(NEW_DAG) }] });
    mockNewCommit(scope);
    scope.patch(`${REPO_PATH}/git/refs/heads%2Fspark-tuner%2Fdaily_sales`, { sha: sha('m'), force: true }).reply(200, {});
    const proposal = makeProposal();
    scope.patch(`${REPO_PATH}/pulls/5`, { title: proposal.title, body: proposal.body }).reply(200, {});

    const outcome = await publishProposal(octokit, repo, proposal, { base, botLogin });

    expect(outcome.kind).toBe('updated');
    expect(outcome.pr).toEqual({ number: 5, url: OPEN_PR.html_url });
  });

  it('makes no commit when the branch already has exactly this change on the current base, and refreshes the body', async () => {
    const { octokit, base, botLogin } = setup();
    const scope = nock(API);
    scope.get(`${REPO_PATH}/pulls`).query(PULLS_QUERY).reply(200, [OPEN_PR]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: sha('o') } });
    scope
      .get(`${REPO_PATH}/compare/${BASE_SHA}...${sha('o')}`)
      .reply(200, { ahead_by: 1, behind_by: 0, commits: [commit(BOT)], files: [{ filename: DAG_FILE, sha: gitBlobSha(NEW_DAG) }] });
    const proposal = makeProposal();
    scope.patch(`${REPO_PATH}/pulls/5`, { title: proposal.title, body: proposal.body }).reply(200, {});

    const outcome = await publishProposal(octokit, repo, proposal, { base, botLogin });

    expect(outcome).toEqual({
      kind: 'unchanged',
      pr: { number: 5, url: OPEN_PR.html_url },
      reason: '#5 already proposes this change; its description was refreshed',
    });
  });

  it('leaves a branch with someone else’s commit alone and says whose', async () => {
    const { octokit, base, botLogin } = setup();
    const scope = nock(API);
    scope.get(`${REPO_PATH}/pulls`).query(PULLS_QUERY).reply(200, [OPEN_PR]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: sha('o') } });
    scope
      .get(`${REPO_PATH}/compare/${BASE_SHA}...${sha('o')}`)
      .reply(200, { ahead_by: 3, behind_by: 0, commits: [commit(BOT), commit('alice'), commit(null)], files: [] });

    const outcome = await publishProposal(octokit, repo, makeProposal(), { base, botLogin });

    expect(outcome).toEqual({
      kind: 'blocked',
      pr: { number: 5, url: OPEN_PR.html_url },
      reason: 'branch `spark-tuner/daily_sales` has commits by `alice`, someone without a GitHub account',
    });
  });

  it('ignores a proposal whose pull request was closed without merging, without touching the branch', async () => {
    const { octokit, base, botLogin } = setup();
    const declined = { ...OPEN_PR, number: 4, state: 'closed', body: makeProposal().body, html_url: 'https://github.com/x/4' };
    nock(API).get(`${REPO_PATH}/pulls`).query(PULLS_QUERY).reply(200, [declined]);

    const outcome = await publishProposal(octokit, repo, makeProposal(), { base, botLogin });

    expect(outcome).toEqual({
      kind: 'ignored',
      pr: { number: 4, url: 'https://github.com/x/4' },
      reason: 'ignored: #4 was closed without merging; reopen it to apply',
    });
  });

  it('opens a new pull request when the declined one proposed something else and a merged one had the same fingerprint', async () => {
    const { octokit, base, botLogin, botLookups } = setup();
    const scope = nock(API);
    const proposal = makeProposal({ body: 'No marker in this body.' });
    scope
      .get(`${REPO_PATH}/pulls`)
      .query(PULLS_QUERY)
      .reply(200, [
        { ...OPEN_PR, number: 3, state: 'closed', body: makeProposal({ fingerprint: 'ffff' }).body },
        { ...OPEN_PR, number: 2, state: 'closed', merged_at: '2026-01-01T00:00:00Z', body: makeProposal().body },
      ]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: BASE_SHA } });
    scope.get(`${REPO_PATH}/compare/${BASE_SHA}...${BASE_SHA}`).reply(200, { ahead_by: 0, behind_by: 0, commits: [], files: [] });
    mockNewCommit(scope);
    scope.patch(`${REPO_PATH}/git/refs/heads%2Fspark-tuner%2Fdaily_sales`, { sha: sha('m'), force: true }).reply(200, {});
    const body = 'No marker in this body.\n\n<!-- spark-tuner:fingerprint=0123456789abcdef -->\n';
    scope
      .post(`${REPO_PATH}/pulls`, { head: 'spark-tuner/daily_sales', base: DEFAULT_BRANCH, body, title: proposal.title, maintainer_can_modify: true })
      .reply(201, { number: 8, html_url: 'https://github.com/x/8' });
    mockLabelsExist(scope, ['spark-tuning', 'cost']);
    scope.post(`${REPO_PATH}/issues/8/labels`, { labels: ['spark-tuning', 'cost'] }).reply(200, []);

    const outcome = await publishProposal(octokit, repo, proposal, { base, botLogin });

    expect(outcome.kind).toBe('opened');
    expect(outcome.pr?.number).toBe(8);
    expect(botLookups()).toBe(1);
  });
});
