import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepOctokit } from '../../src/sweep/sweep-octokit.js';

/** GitHub's rate-limit answers, retried by Probot's own throttling and retry plugins as the sweep configures them. */
const API = 'https://api.github.com';
const REPO = '/repos/acme/pipelines';

function octokit() {
  const Octokit = sweepOctokit({ retries: 2, max_wait_seconds: 60, retry_after_base_ms: 1 });
  return new Octokit({ auth: 'installation-token', log: { debug() {}, info() {}, warn() {}, error() {} } });
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

describe('sweepOctokit', () => {
  it('waits and retries after a 403 secondary rate limit with retry-after', async () => {
    nock(API)
      .get(`${REPO}/pulls`).query(true)
      .reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '2' })
      .get(`${REPO}/pulls`).query(true)
      .reply(200, []);
    const { data } = await octokit().rest.pulls.list({ owner: 'acme', repo: 'pipelines', state: 'open' });
    expect(data).toEqual([]);
  });

  it('waits and retries after a 429 with retry-after', async () => {
    nock(API)
      .get(`${REPO}/branches/main`)
      .reply(429, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' })
      .get(`${REPO}/branches/main`)
      .reply(200, { name: 'main' });
    const { data } = await octokit().rest.repos.getBranch({ owner: 'acme', repo: 'pipelines', branch: 'main' });
    expect(data.name).toBe('main');
  });

  it('waits for the primary rate limit to reset, then retries', async () => {
    const reset = String(Math.floor(Date.now() / 1000));
    nock(API)
      .get(`${REPO}/branches/main`)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
      .get(`${REPO}/branches/main`)
      .reply(200, { name: 'main' });
    const { data } = await octokit().rest.repos.getBranch({ owner: 'acme', repo: 'pipelines', branch: 'main' });
    expect(data.name).toBe('main');
  });

  it('gives up after its retries, so the sweep reports the repository instead of waiting forever', async () => {
    const limited = { message: 'You have exceeded a secondary rate limit' };
    nock(API).get(`${REPO}/branches/main`).times(3).reply(403, limited, { 'retry-after': '1' });
    await expect(octokit().rest.repos.getBranch({ owner: 'acme', repo: 'pipelines', branch: 'main' })).rejects.toMatchObject({ status: 403 });
  });

  it('does not wait longer than max_wait_seconds', async () => {
    nock(API).get(`${REPO}/branches/main`).reply(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '3600' });
    await expect(octokit().rest.repos.getBranch({ owner: 'acme', repo: 'pipelines', branch: 'main' })).rejects.toMatchObject({ status: 403 });
  });
});
