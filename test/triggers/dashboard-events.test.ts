import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readIgnoreLines } from '../../src/dashboard/body-markers.js';
import type { IgnoreEntry } from '../../src/dashboard/ignore-entry.js';
import { DASHBOARD_TITLE, renderDashboard } from '../../src/dashboard/render-dashboard.js';
import { emptyDashboard } from '../../src/dashboard/types.js';
import { fingerprintMarker } from '../../src/publish/github/fingerprint-marker.js';
import { DECLINED_MARKER } from '../../src/triggers/handle-pr-closed.js';
import { encodeRecord, recordMarker } from '../../src/verify/record-marker.js';
import {
  BOT_LOGIN,
  expectNoPendingMocks,
  mockAppLogin,
  mockDashboardSearch,
  mockLabelsExist,
  REPO_PATH,
} from '../publish/github/support/github-mock.js';
import { captureReply, github, mockAccepted, mockReply, startApp } from './support/app-harness.js';
import { issueCommentEditedPayload, issueEditedPayload, pullRequestClosedPayload } from './support/payloads.js';

const CONFIG = `${REPO_PATH}/contents/.github%2Fspark-tuner.yml`;
const declined: IgnoreEntry = {
  target: 'daily_sales.load_orders',
  fingerprint: 'abc123',
  summary: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g',
  source: '#7 closed without merging',
};

function dashboard(body: string, state = 'open') {
  return { number: 42, state, body, user: { login: BOT_LOGIN } };
}

function mockConfig(scope: nock.Scope, text: string | null): void {
  if (text === null) scope.get(CONFIG).reply(404, { message: 'Not Found' });
  else scope.get(CONFIG).reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') });
}

function capture(scope: nock.Scope, method: 'post' | 'patch', path: string, reply: object): () => { body: string } | null {
  let body: { body: string } | null = null;
  scope[method](path).reply(method === 'post' ? 201 : 200, (_uri, requestBody) => {
    body = requestBody as { body: string };
    return reply;
  });
  return () => body;
}

describe('a spark-tuner pull request closed without merging', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('records the ignore on a new dashboard and comments once what it ignores and how to undo it', async () => {
    const scope = github();
    mockAppLogin(scope);
    scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token' });
    mockConfig(scope, null);
    mockDashboardSearch(scope);
    mockLabelsExist(scope, ['spark-tuning']);
    const created = capture(scope, 'post', `${REPO_PATH}/issues`, { number: 42 });
    scope.get(`${REPO_PATH}/issues/7/comments`).query({ per_page: '100' }).reply(200, []);
    const comment = capture(scope, 'post', `${REPO_PATH}/issues/7/comments`, { id: 5 });
    const app = await startApp();

    await app.deliver('pull_request', pullRequestClosedPayload());

    expect(created()).toMatchObject({ title: DASHBOARD_TITLE, labels: ['spark-tuning'] });
    expect(readIgnoreLines(created()?.body)).toEqual([{ entry: declined, ticked: false }]);
    expect(comment()?.body).toBe(
      `${DECLINED_MARKER}\nspark-tuner will not propose this again for \`daily_sales.load_orders\`: spark.executor.memory 16g → 8g. ` +
        'A different proposal (other values, once the measured runs change) will still be proposed. ' +
        'It is listed on the dashboard #42. To undo it, tick its box there or comment `/spark-tune unignore daily_sales.load_orders`.',
    );
  });

  it('does not comment twice or record twice when the event comes again', async () => {
    const scope = github();
    mockAppLogin(scope);
    scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token' });
    mockConfig(scope, null);
    mockDashboardSearch(scope, [dashboard(renderDashboard(emptyDashboard(), [declined]))]);
    scope.get(`${REPO_PATH}/issues/7/comments`).query({ per_page: '100' }).reply(200, [{ body: `${DECLINED_MARKER}\nalready said` }]);
    const app = await startApp();

    await app.deliver('pull_request', pullRequestClosedPayload());
  });

  it('with `dashboard: false`, says that reopening the pull request undoes it, and writes no issue', async () => {
    const scope = github();
    mockAppLogin(scope);
    scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token' });
    mockConfig(scope, 'dashboard: false\n');
    scope.get(`${REPO_PATH}/issues/7/comments`).query({ per_page: '100' }).reply(200, []);
    const comment = capture(scope, 'post', `${REPO_PATH}/issues/7/comments`, { id: 5 });
    const app = await startApp();

    await app.deliver('pull_request', pullRequestClosedPayload());

    expect(comment()?.body).toMatch(/To undo it, reopen this pull request\.$/);
  });

  it('leaves other branches, revert pull requests (their marker is their record) and pull requests by people alone', async () => {
    const app = await startApp();
    await app.deliver('pull_request', pullRequestClosedPayload({ ref: 'feature/x' }));
    await app.deliver('pull_request', pullRequestClosedPayload({ ref: 'spark-tuner/revert-daily_sales' }));

    const scope = github();
    mockAppLogin(scope);
    await app.deliver('pull_request', pullRequestClosedPayload({ author: 'alice' }));
  });
});

describe('editing the dashboard', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  const other: IgnoreEntry = { target: 'weekly', fingerprint: null, summary: '', source: '/spark-tune ignore by octocat' };
  const body = renderDashboard(emptyDashboard(), [declined, other]);
  const ticked = body.replace('- [ ] `weekly`', '- [x] `weekly`');

  it('un-ignores a ticked box: the entry leaves the record, the rest stays', async () => {
    const scope = github();
    mockAppLogin(scope);
    scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token' });
    mockDashboardSearch(scope, [dashboard(ticked)]);
    scope.patch(`${REPO_PATH}/issues/42`, { body: renderDashboard(emptyDashboard(), [declined]) }).reply(200, {});
    const app = await startApp();

    await app.deliver('issues', issueEditedPayload(ticked));
  });

  it('does not react to its own edits (no loop), nor to edits without a ticked box', async () => {
    const app = await startApp();

    await app.deliver('issues', issueEditedPayload(ticked, { sender: { login: BOT_LOGIN, type: 'Bot' } }));
    await app.deliver('issues', issueEditedPayload(body));
  });

  it('ignores a ticked look-alike on an issue that is not the dashboard', async () => {
    const scope = github();
    mockAppLogin(scope);
    scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token' });
    mockDashboardSearch(scope, [dashboard(body)]);
    const app = await startApp();

    await app.deliver('issues', issueEditedPayload(ticked, { number: 77 }));
  });
});

describe('the ignore, unignore and verify commands', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('`ignore` adds the target to the dashboard’s record and says how to undo it', async () => {
    const scope = github();
    mockAccepted(scope);
    mockConfig(scope, null);
    mockAppLogin(scope);
    mockDashboardSearch(scope, [dashboard(renderDashboard(emptyDashboard(), []))]);
    const edited = capture(scope, 'patch', `${REPO_PATH}/issues/42`, {});
    mockReply(
      scope,
      '@Codertocat spark-tuner will not propose changes for `nightly_orders` any more on the dashboard #42. To undo it, tick its box there or comment `/spark-tune unignore nightly_orders`.',
    );
    const app = await startApp();

    await app.send('/spark-tune ignore nightly_orders');

    const entry = { target: 'nightly_orders', fingerprint: null, summary: '', source: '/spark-tune ignore by Codertocat' };
    expect(readIgnoreLines(edited()?.body)).toEqual([{ entry, ticked: false }]);
  });

  it('`unignore <dag>` removes its entries, tasks included, and reports config problems in plain words', async () => {
    const other: IgnoreEntry = { target: 'weekly', fingerprint: null, summary: '', source: 'x' };
    const scope = github();
    mockAccepted(scope);
    mockConfig(scope, 'colour: blue\n');
    mockAppLogin(scope);
    mockDashboardSearch(scope, [dashboard(renderDashboard(emptyDashboard(), [declined, other]))]);
    scope.patch(`${REPO_PATH}/issues/42`, { body: renderDashboard(emptyDashboard(), [other]) }).reply(200, {});
    mockReply(
      scope,
      '@Codertocat `daily_sales` is no longer ignored (1 entry removed on the dashboard #42); the next sweep or `/spark-tune daily_sales` may propose it again.' +
        '\n\nNotes:\n- Unknown setting `colour` in .github/spark-tuner.yml; it is ignored.',
    );
    const app = await startApp();

    await app.send('/spark-tune unignore daily_sales');
  });

  it('creates the dashboard when there is none, showing the config’s problems in plain words', async () => {
    const scope = github();
    mockAccepted(scope);
    mockConfig(scope, 'lookback_days: forever\n');
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    mockLabelsExist(scope, ['spark-tuning']);
    const created = capture(scope, 'post', `${REPO_PATH}/issues`, { number: 43 });
    const reply = captureReply(scope);
    const app = await startApp();

    await app.send('/spark-tune ignore weekly');

    expect(created()?.body).toContain('## Problems in `.github/spark-tuner.yml`\n\nThe defaults are used for these settings:\n\n- \\`lookback_days\\` in .github/spark-tuner.yml is not valid');
    expect(reply.body()).toMatch(/^@Codertocat spark-tuner will not propose changes for `weekly` any more on the dashboard #43\./);
    expect(reply.body()).toContain('Notes:\n- `lookback_days` in .github/spark-tuner.yml is not valid');
  });

  it('`unignore` of something not ignored says so and writes nothing', async () => {
    const scope = github();
    mockAccepted(scope);
    mockConfig(scope, null);
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    mockReply(scope, '@Codertocat Nothing is ignored for `weekly`.');
    const app = await startApp();

    await app.send('/spark-tune unignore weekly');
  });

  it('with `dashboard: false`, points to the config’s `ignore:` instead', async () => {
    const scope = github();
    mockAccepted(scope);
    mockConfig(scope, 'dashboard: false\n');
    mockReply(
      scope,
      '@Codertocat The dashboard issue is turned off (`dashboard: false` in `.github/spark-tuner.yml`), and it is where ignores are kept; use `ignore:` in `.github/spark-tuner.yml` instead.',
    );
    const app = await startApp();

    await app.send('/spark-tune ignore weekly');
  });

  it('`verify` says when the DAG has no merged spark-tuner pull request in the window', async () => {
    const scope = github();
    mockAccepted(scope);
    mockConfig(scope, 'verify:\n  window_days: 14\n');
    mockAppLogin(scope);
    scope.get(`${REPO_PATH}/pulls`).query({ state: 'closed', sort: 'updated', direction: 'desc', per_page: '100', page: '1' }).reply(200, []);
    mockReply(scope, '@Codertocat There is no merged spark-tuner pull request for `daily_sales` in the last 14 days.');
    const app = await startApp();

    await app.send('/spark-tune verify daily_sales');
  });

  it('`verify` answers with the table of a merged PR whose new values have no runs yet, and posts nothing on it', async () => {
    const scope = github();
    mockAccepted(scope);
    mockConfig(scope, null);
    mockAppLogin(scope);
    const record = encodeRecord('daily_sales', { since: 0, until: 1 }, [{ task_id: 'load', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 3 }]);
    const merged = new Date(Date.parse('2026-02-27T12:00:00Z')).toISOString();
    scope
      .get(`${REPO_PATH}/pulls`)
      .query({ state: 'closed', sort: 'updated', direction: 'desc', per_page: '100', page: '1' })
      .reply(200, [
        {
          number: 3, html_url: 'u3', head: { ref: 'spark-tuner/daily_sales' }, user: { login: BOT_LOGIN }, labels: [], merged_at: merged, updated_at: merged,
          body: `${recordMarker(record)}\n${fingerprintMarker('abc')}`,
        },
      ]);
    const reply = captureReply(scope);
    const app = await startApp();

    await app.send('/spark-tune verify daily_sales');

    expect(reply.body()).toContain('#3: not decided yet');
    expect(reply.body()).toContain('### daily_sales.load: not enough runs yet');
    expect(reply.body()).toContain('| Runs (successful) | 0 (0) | 0 (0) |');
    expect(app.queries.map((query) => query.dag_id)).toEqual(['daily_sales']);
  });

  it('ignores the commands of bots and edited comments', async () => {
    const app = await startApp();

    await app.send('/spark-tune ignore weekly', { login: 'other-app[bot]', type: 'Bot' });
    await app.deliver('issue_comment', issueCommentEditedPayload('/spark-tune ignore weekly'));
  });
});
