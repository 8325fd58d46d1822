import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { expect } from 'vitest';

export const API = 'https://api.github.com';
export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;
export const BASE_SHA = 'b'.repeat(40);
export const TREE_SHA = 't'.repeat(40);

/** A 40-hex-digit sha made of one repeated character, readable in assertions. */
export function sha(char: string): string {
  return char.repeat(40);
}

/** Probot's Octokit with a fixed token and no retries or throttling, for calling the publisher directly. */
export function testOctokit(): ProbotOctokit {
  return new ProbotOctokit({ auth: { token: 'test-token' }, retry: { enabled: false }, throttle: { enabled: false } });
}

/** An RSA key for the test app's JWTs, made per run (no key is committed). */
export const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as WebhookDefinition[];

/** The real `issue_comment` `created` example that carries an installation (id 1), with this comment body. */
export function issueCommentPayload(body: string, sender?: { login: string; type: 'User' | 'Bot' }) {
  const definition = definitions.find((candidate) => candidate.name === 'issue_comment') as WebhookDefinition<'issue_comment'> | undefined;
  const example = definition?.examples.find((candidate) => candidate.action === 'created' && candidate.installation !== undefined);
  if (example?.action !== 'created') throw new Error('no issue_comment.created example with an installation');
  const payload = structuredClone(example);
  payload.comment.body = body;
  if (sender) {
    payload.sender.login = sender.login;
    payload.sender.type = sender.type;
    payload.comment.user.login = sender.login;
    payload.comment.user.type = sender.type;
  }
  return payload;
}

/** The comment id and issue number of that example. */
export const COMMENT_ID = 492700400;
export const ISSUE_NUMBER = 1;
export const DEFAULT_BRANCH = 'master';

/** One file of a fake git tree. */
export interface TreeFile {
  path: string;
  content: string;
  mode?: string;
  /** Overrides the size GitHub reports (to exercise the size limits). */
  size?: number;
}

/** The blob sha the fake tree gives a file: its index, spelled as hex. */
export function blobSha(index: number): string {
  return index.toString(16).padStart(40, 'f');
}

/** Mocks `git.getTree(recursive)` for `treeSha` and returns a function that mocks reading file `path` once. */
export function mockTree(scope: nock.Scope, files: TreeFile[], options: { treeSha?: string; truncated?: boolean } = {}) {
  const tree = files.map((file, index) => ({
    path: file.path,
    mode: file.mode ?? '100644',
    type: 'blob',
    sha: blobSha(index),
    size: file.size ?? Buffer.byteLength(file.content),
  }));
  scope
    .get(`${REPO_PATH}/git/trees/${options.treeSha ?? TREE_SHA}`)
    .query({ recursive: 'true' })
    .reply(200, { sha: options.treeSha ?? TREE_SHA, tree: [{ path: 'dags', mode: '040000', type: 'tree', sha: sha('d') }, ...tree], truncated: options.truncated ?? false });
  return (path: string) => {
    const index = files.findIndex((file) => file.path === path);
    const file = files[index];
    if (!file) throw new Error(`no file ${path} in the fake tree`);
    scope
      .get(`${REPO_PATH}/git/blobs/${blobSha(index)}`)
      .reply(200, { sha: blobSha(index), encoding: 'base64', content: Buffer.from(file.content).toString('base64') });
  };
}

/** Mocks base ref → base commit for the default branch. */
export function mockBase(scope: nock.Scope): void {
  scope.get(`${REPO_PATH}/git/ref/heads%2F${DEFAULT_BRANCH}`).reply(200, { ref: `refs/heads/${DEFAULT_BRANCH}`, object: { sha: BASE_SHA, type: 'commit' } });
  scope.get(`${REPO_PATH}/git/commits/${BASE_SHA}`).reply(200, { sha: BASE_SHA, tree: { sha: TREE_SHA } });
}

/** Collects pending mocks before cleaning up, then fails the test if any mock was not used. */
export function expectNoPendingMocks(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
}

/** The app's login in these tests (`GET /app` answers slug `spark-tuner`). */
export const BOT_LOGIN = 'spark-tuner[bot]';

/** Mocks `GET /app`, where the app learns its own login (once per app instance). */
export function mockAppLogin(scope: nock.Scope): void {
  scope.get('/app').reply(200, { slug: 'spark-tuner' });
}

/** The query the dashboard search sends for page `page`. */
export function dashboardQuery(page = 1) {
  return { creator: BOT_LOGIN, state: 'all', sort: 'created', direction: 'asc', per_page: '100', page: String(page) };
}

/** Mocks one search for the dashboard issue answering `issues` (none: there is no dashboard yet). */
export function mockDashboardSearch(scope: nock.Scope, issues: object[] = []): void {
  scope.get(`${REPO_PATH}/issues`).query(dashboardQuery()).reply(200, issues);
}

/** Mocks `GET /labels/{name}` as existing for each name. */
export function mockLabelsExist(scope: nock.Scope, names: string[]): void {
  for (const name of names) scope.get(`${REPO_PATH}/labels/${encodeURIComponent(name)}`).reply(200, { name });
}
