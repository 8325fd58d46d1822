import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSection } from '../../src/dashboard/body-markers.js';
import { DASHBOARD_TITLE, renderDashboard } from '../../src/dashboard/render-dashboard.js';
import { emptyDashboard } from '../../src/dashboard/types.js';
import { VERIFICATION_SECTION } from '../../src/dashboard/verification-section.js';
import { fingerprintMarker } from '../../src/publish/github/fingerprint-marker.js';
import { encodeRecord, recordMarker } from '../../src/verify/record-marker.js';
import { BOT_LOGIN, expectNoPendingMocks, mockAppLogin, mockDashboardSearch, mockLabelsExist, REPO_PATH } from '../publish/github/support/github-mock.js';
import { github, startApp } from './support/app-harness.js';
import { pullRequestClosedPayload } from './support/payloads.js';

/** `pull_request.closed` (merged), from the real webhook example: the merge is noted on the dashboard at once. */
const CONFIG = `${REPO_PATH}/contents/.github%2Fspark-tuner.yml`;
const record = encodeRecord('daily_sales', { since: 0, until: 1 }, [{ task_id: 'load_orders', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 5 }]);
const BODY = `Evidence…\n\n${recordMarker(record)}\n${fingerprintMarker('abc123')}\n`;
const NOTE = '- #7 `daily_sales`: merged; waiting for 3 successful runs with the new values, which each sweep compares with the evidence (`/spark-tune verify daily_sales` checks at once).';

function mockConfig(scope: nock.Scope, text: string | null): void {
  if (text === null) scope.get(CONFIG).reply(404, { message: 'Not Found' });
  else scope.get(CONFIG).reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') });
}

function captureIssue(scope: nock.Scope, method: 'post' | 'patch', path: string): () => { title?: string; body: string } | null {
  let sent: { title?: string; body: string } | null = null;
  scope[method](path).reply(method === 'post' ? 201 : 200, (_uri, request) => {
    sent = request as { title?: string; body: string };
    return { number: 42 };
  });
  return () => sent;
}

function accepted(scope: nock.Scope, config: string | null = null): void {
  mockAppLogin(scope);
  scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token' });
  mockConfig(scope, config);
}

describe('a spark-tuner pull request merged', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('is noted at once in the verification section of the dashboard; the rest of the body stays', async () => {
    const scope = github();
    accepted(scope);
    const current = renderDashboard({ ...emptyDashboard(), open_prs: [{ number: 7, title: 'Tune daily_sales' }] }, []);
    mockDashboardSearch(scope, [{ number: 42, state: 'open', body: current, user: { login: BOT_LOGIN } }]);
    const edited = captureIssue(scope, 'patch', `${REPO_PATH}/issues/42`);
    const app = await startApp();

    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, body: BODY }));

    const body = edited()?.body ?? '';
    expect(readSection(body, VERIFICATION_SECTION)).toBe(`## Verification and savings\n\n${NOTE}`);
    expect(body.replace(NOTE, 'No merged spark-tuner pull request to verify in the window (`verify.window_days`).')).toBe(current);
    expect(app.queries).toEqual([]);
  });

  it('creates the dashboard with the note when there is none, and writes nothing the second time', async () => {
    const scope = github();
    accepted(scope);
    mockDashboardSearch(scope);
    mockLabelsExist(scope, ['spark-tuning']);
    const created = captureIssue(scope, 'post', `${REPO_PATH}/issues`);
    const app = await startApp();

    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, body: BODY }));

    expect(created()?.title).toBe(DASHBOARD_TITLE);
    expect(created()?.body).toContain(NOTE);

    mockConfig(scope, null);
    mockDashboardSearch(scope, [{ number: 42, state: 'open', body: created()?.body, user: { login: BOT_LOGIN } }]);
    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, body: BODY }));
  });

  it('says an old pull request without recorded values is not verified', async () => {
    const scope = github();
    accepted(scope);
    mockDashboardSearch(scope, [{ number: 42, state: 'open', body: renderDashboard(emptyDashboard(), []), user: { login: BOT_LOGIN } }]);
    const edited = captureIssue(scope, 'patch', `${REPO_PATH}/issues/42`);
    const app = await startApp();

    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true }));

    expect(edited()?.body).toContain('- #7 `daily_sales`: proposal abc123 predates recorded values (no spark-tuner:record marker); it is not verified.');
  });

  it('writes nothing with `dashboard: false` or `verify.enabled: false`, nor for a closed dashboard', async () => {
    const scope = github();
    accepted(scope, 'dashboard: false\n');
    const app = await startApp();
    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, body: BODY }));

    mockConfig(scope, 'verify: { enabled: false }\n');
    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, body: BODY }));

    mockConfig(scope, null);
    mockDashboardSearch(scope, [{ number: 42, state: 'closed', body: renderDashboard(emptyDashboard(), []), user: { login: BOT_LOGIN } }]);
    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, body: BODY }));
  });

  it('leaves merged revert pull requests, other branches and pull requests by people alone', async () => {
    const app = await startApp();
    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, ref: 'spark-tuner/revert-daily_sales', body: BODY }));
    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, ref: 'feature/x', body: BODY }));

    mockAppLogin(github());
    await app.deliver('pull_request', pullRequestClosedPayload({ merged: true, author: 'alice', body: BODY }));
  });
});
