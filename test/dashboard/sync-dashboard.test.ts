import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_MARKER } from '../../src/dashboard/body-markers.js';
import type { IgnoreEntry } from '../../src/dashboard/ignore-entry.js';
import { editIgnores, readIgnores } from '../../src/dashboard/ignore-record.js';
import { DASHBOARD_TITLE, renderDashboard } from '../../src/dashboard/render-dashboard.js';
import { syncDashboard } from '../../src/dashboard/sync-dashboard.js';
import { emptyDashboard, type DashboardContent } from '../../src/dashboard/types.js';
import {
  API,
  BOT_LOGIN,
  dashboardQuery,
  expectNoPendingMocks,
  mockDashboardSearch,
  mockLabelsExist,
  OWNER,
  REPO,
  REPO_PATH,
  testOctokit,
} from '../publish/github/support/github-mock.js';

const repo = { owner: OWNER, repo: REPO };
const options = { botLogin: async () => BOT_LOGIN };
const on = { dashboard: true };
const content: DashboardContent = { ...emptyDashboard(), open_prs: [{ number: 9, title: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g' }] };
const ignored: IgnoreEntry = { target: 'daily_sales', fingerprint: null, summary: '', source: '/spark-tune ignore by octocat' };

function issue(number: number, body: string, state: 'open' | 'closed' = 'open', extra: object = {}) {
  return { number, state, body, user: { login: BOT_LOGIN }, ...extra };
}

describe('syncDashboard()', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('creates the dashboard, with its label, when the repository has none', async () => {
    const scope = nock(API);
    mockDashboardSearch(scope);
    mockLabelsExist(scope, ['spark-tuning']);
    scope
      .post(`${REPO_PATH}/issues`, { title: DASHBOARD_TITLE, body: renderDashboard(content, []), labels: ['spark-tuning'] })
      .reply(201, { number: 42 });

    expect(await syncDashboard(testOctokit(), repo, content, on, options)).toEqual({ kind: 'created', number: 42 });
  });

  it('makes no write when the rendered content is unchanged, ignoring CRLF line endings', async () => {
    const body = renderDashboard(content, [ignored]).replace(/\n/g, '\r\n');
    mockDashboardSearch(nock(API), [issue(42, body)]);

    expect(await syncDashboard(testOctokit(), repo, content, on, options)).toEqual({ kind: 'unchanged', number: 42 });
  });

  it('edits the body when the content changed, keeping the ignore record and dropping ticked boxes', async () => {
    const ticked = { ...ignored, target: 'weekly' };
    const old = renderDashboard(emptyDashboard(), [ignored, ticked]).replace('- [ ] `weekly`', '- [x] `weekly`');
    const scope = nock(API);
    mockDashboardSearch(scope, [issue(42, old)]);
    scope.patch(`${REPO_PATH}/issues/42`, { body: renderDashboard(content, [ignored]) }).reply(200, {});

    expect(await syncDashboard(testOctokit(), repo, content, on, options)).toEqual({ kind: 'updated', number: 42 });
  });

  it('never recreates or edits a dashboard a person closed', async () => {
    mockDashboardSearch(nock(API), [issue(42, renderDashboard(emptyDashboard(), []), 'closed')]);

    expect(await syncDashboard(testOctokit(), repo, content, on, options)).toEqual({ kind: 'closed', number: 42 });
  });

  it('never makes a second one: pages through the app’s issues and skips pull requests and look-alikes', async () => {
    const scope = nock(API);
    const filler = Array.from({ length: 100 }, (_, i) => issue(100 + i, 'not it'));
    scope.get(`${REPO_PATH}/issues`).query(dashboardQuery(1)).reply(200, [issue(1, DASHBOARD_MARKER, 'open', { pull_request: {} }), ...filler]);
    scope.get(`${REPO_PATH}/issues`).query(dashboardQuery(2)).reply(200, [issue(300, DASHBOARD_MARKER, 'closed'), issue(301, DASHBOARD_MARKER)]);
    scope.patch(`${REPO_PATH}/issues/301`, { body: renderDashboard(content, []) }).reply(200, {});

    expect(await syncDashboard(testOctokit(), repo, content, on, options)).toEqual({ kind: 'updated', number: 301 });
  });

  it('does nothing with `dashboard: false`', async () => {
    expect(await syncDashboard(testOctokit(), repo, content, { dashboard: false }, options)).toEqual({ kind: 'disabled' });
  });
});

describe('the ignore record', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('reads the unticked entries of a closed dashboard too', async () => {
    const body = renderDashboard(emptyDashboard(), [ignored, { ...ignored, target: 'weekly' }]).replace('- [ ] `weekly`', '- [x] `weekly`');
    mockDashboardSearch(nock(API), [issue(42, body, 'closed')]);

    expect(await readIgnores(testOctokit(), repo, BOT_LOGIN)).toEqual([ignored]);
  });

  it('rewrites only the ignored section, and only when it changes', async () => {
    const body = renderDashboard(content, []);
    const scope = nock(API);
    mockDashboardSearch(scope, [issue(42, body)]);
    scope.patch(`${REPO_PATH}/issues/42`, { body: renderDashboard(content, [ignored]) }).reply(200, {});
    mockDashboardSearch(scope, [issue(42, renderDashboard(content, [ignored]))]);

    const added = await editIgnores(testOctokit(), repo, BOT_LOGIN, (entries) => [...entries, ignored]);
    const again = await editIgnores(testOctokit(), repo, BOT_LOGIN, (entries) => entries);

    expect(added.outcome).toEqual({ kind: 'updated', number: 42 });
    expect(again.outcome).toEqual({ kind: 'unchanged', number: 42 });
  });
});
