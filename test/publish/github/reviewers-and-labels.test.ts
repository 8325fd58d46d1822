import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabels } from '../../../src/publish/github/ensure-labels.js';
import { requestReviewers } from '../../../src/publish/github/request-reviewers.js';
import { API, BOT_LOGIN, expectNoPendingMocks, OWNER, REPO, REPO_PATH, testOctokit } from './support/github-mock.js';

const repo = { owner: OWNER, repo: REPO };

function files(contents: Record<string, string>) {
  return { list: async () => Object.keys(contents), read: async (path: string) => contents[path] ?? '' };
}

function request(overrides: Partial<Parameters<typeof requestReviewers>[2]> = {}) {
  return {
    pull_number: 7,
    file_path: 'dags/daily_sales.py',
    reviewers: 'codeowners' as const,
    files: files({ '.github/CODEOWNERS': `* @fallback\n/dags/ @alice @${BOT_LOGIN} @acme/etl\n` }),
    author: async () => BOT_LOGIN,
    ...overrides,
  };
}

describe('requestReviewers()', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('asks the DAG file’s code owners, never the app itself', async () => {
    nock(API).post(`${REPO_PATH}/pulls/7/requested_reviewers`, { reviewers: ['alice'], team_reviewers: ['etl'] }).reply(201, {});

    expect(await requestReviewers(testOctokit(), repo, request())).toEqual([]);
  });

  it('reports a reviewer GitHub refuses (422) and still asks the others', async () => {
    const scope = nock(API);
    scope.post(`${REPO_PATH}/pulls/7/requested_reviewers`, { reviewers: ['alice'], team_reviewers: ['etl'] }).reply(422, { message: 'Reviews may only be requested from collaborators.' });
    scope.post(`${REPO_PATH}/pulls/7/requested_reviewers`, { reviewers: ['alice'] }).reply(422, { message: 'Reviews may only be requested from collaborators.' });
    scope.post(`${REPO_PATH}/pulls/7/requested_reviewers`, { team_reviewers: ['etl'] }).reply(201, {});

    const problems = await requestReviewers(testOctokit(), repo, request());

    expect(problems).toEqual(['GitHub would not request a review from `@alice` (each must be a collaborator with access to the repository).']);
  });

  it('uses the config’s list (users and org/team) instead of CODEOWNERS', async () => {
    nock(API).post(`${REPO_PATH}/pulls/7/requested_reviewers`, { reviewers: ['carol'], team_reviewers: ['data'] }).reply(201, {});

    expect(await requestReviewers(testOctokit(), repo, request({ reviewers: ['carol', 'acme/data'] }))).toEqual([]);
  });

  it('asks nobody (and makes no call) without CODEOWNERS', async () => {
    let lookedUp = false;
    const author = async () => {
      lookedUp = true;
      return BOT_LOGIN;
    };
    expect(await requestReviewers(testOctokit(), repo, request({ files: files({}), author }))).toEqual([]);
    expect(lookedUp).toBe(false);
  });
});

describe('ensureLabels()', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('creates a missing label once, with its color and description, and leaves existing ones alone', async () => {
    const scope = nock(API);
    scope.get(`${REPO_PATH}/labels/spark-tuning`).reply(200, { name: 'spark-tuning' });
    scope.get(`${REPO_PATH}/labels/cost`).reply(404, { message: 'Not Found' });
    scope
      .post(`${REPO_PATH}/labels`, { name: 'cost', color: '0e8a16', description: 'spark-tuner: saves compute without risking the job' })
      .reply(201, {});
    scope.get(`${REPO_PATH}/labels/team-x`).reply(404, { message: 'Not Found' });
    scope.post(`${REPO_PATH}/labels`, { name: 'team-x', color: 'ededed', description: 'Added by spark-tuner' }).reply(201, {});

    await ensureLabels(testOctokit(), repo, ['spark-tuning', 'cost', 'cost', 'team-x']);
  });

  it('counts a label created meanwhile by another run (422 already exists) as done', async () => {
    const scope = nock(API);
    scope.get(`${REPO_PATH}/labels/spark-tuning%3Averified`).reply(404, { message: 'Not Found' });
    scope.post(`${REPO_PATH}/labels`).reply(422, { message: 'Validation Failed', errors: [{ code: 'already_exists' }] });

    await expect(ensureLabels(testOctokit(), repo, ['spark-tuning:verified'])).resolves.toBeUndefined();
  });

  it('lets other errors through', async () => {
    nock(API).get(`${REPO_PATH}/labels/cost`).reply(403, { message: 'Forbidden' });

    await expect(ensureLabels(testOctokit(), repo, ['cost'])).rejects.toMatchObject({ status: 403 });
  });
});
