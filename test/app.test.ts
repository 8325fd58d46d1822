import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import sparkTuner from '../src/app.js';
import { MetricsError } from '../src/metrics/metrics-error.js';
import { HELP_TEXT } from '../src/triggers/replies.js';
import {
  DEFAULT_BRANCH,
  expectNoPendingMocks,
  issueCommentPayload,
  mockAppLogin,
  mockBase,
  mockDashboardSearch,
  mockLabelsExist,
  mockTree,
  PRIVATE_KEY,
  REPO_PATH,
} from './publish/github/support/github-mock.js';
import { DAG_FILE, makeProposal, OLD_DAG } from './publish/github/support/proposal.js';
import { DAY_MS, github, mockAccepted, mockReply, NOW, startApp } from './triggers/support/app-harness.js';

describe('app: the /spark-tune comment command', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('reacts 👀, opens a pull request and replies with its link for a user with write access', async () => {
    const scope = github();
    mockAccepted(scope);
    mockBase(scope);
    const readFile = mockTree(scope, [{ path: DAG_FILE, content: OLD_DAG }]);
    readFile(DAG_FILE);
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    scope.get(`${REPO_PATH}/pulls`).query(true).reply(200, []);
    scope.get(`${REPO_PATH}/git/ref/heads%2Fspark-tuner%2Fdaily_sales`).reply(404, { message: 'Not Found' });
    scope.post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'n'.repeat(40) });
    scope.post(`${REPO_PATH}/git/commits`).reply(201, { sha: 'm'.repeat(40) });
    scope.post(`${REPO_PATH}/git/refs`, { ref: 'refs/heads/spark-tuner/daily_sales', sha: 'm'.repeat(40) }).reply(201, {});
    scope.post(`${REPO_PATH}/pulls`).reply(201, { number: 7, html_url: 'https://github.com/Codertocat/Hello-World/pull/7' });
    mockLabelsExist(scope, ['spark-tuning', 'cost']);
    scope.post(`${REPO_PATH}/issues/7/labels`, { labels: ['spark-tuning', 'cost'] }).reply(200, []);
    mockReply(scope, '@Codertocat Opened pull request #7: https://github.com/Codertocat/Hello-World/pull/7');
    const app = await startApp({
      plan: async (request) => {
        const content = await request.repo.read(DAG_FILE);
        return { kind: 'proposal', proposal: makeProposal({ old_content: content }), diagnoses: [] };
      },
    });

    await app.send('/spark-tune daily_sales');

    expect(app.queries).toEqual([{ dag_id: 'daily_sales', task_id: null, since: NOW - 14 * DAY_MS, until: NOW }]);
    expect(app.plans).toHaveLength(1);
    expect(app.plans[0]).toMatchObject({
      dag_id: 'daily_sales',
      task_id: null,
      dag_paths: ['dags/'],
      metric_source: 'eventlogs',
      until: NOW,
      lookback_days: 14,
      min_runs: 3,
      labels: ['spark-tuning'],
    });
  });

  it('politely refuses a user with read access and runs nothing', async () => {
    const scope = github();
    scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token' });
    scope.get(`${REPO_PATH}/collaborators/Codertocat/permission`).reply(200, { permission: 'read', role_name: 'triage' });
    mockReply(scope, 'Sorry @Codertocat, only people with write, maintain or admin access to this repository can run `/spark-tune`.');
    const app = await startApp();

    await app.send('/spark-tune daily_sales');

    expect(app.plans).toEqual([]);
    expect(app.queries).toEqual([]);
  });

  it('ignores comments by bots, even with the command', async () => {
    const app = await startApp();

    await app.send('/spark-tune daily_sales', { login: 'spark-tuner[bot]', type: 'Bot' });

    expect(app.plans).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('ignores comments that are not the command', async () => {
    const app = await startApp();

    await app.send('Looks good. Maybe /spark-tune daily_sales later?\n\n> /spark-tune daily_sales');

    expect(app.plans).toEqual([]);
  });

  it('answers help with the usage, for a custom role built on write', async () => {
    const scope = github();
    mockAccepted(scope, { role_name: 'deployer', permission: 'write' });
    mockReply(scope, HELP_TEXT);
    const app = await startApp();

    await app.send('/spark-tune help');

    expect(app.plans).toEqual([]);
  });

  it('replies to an invalid id with what is wrong and where to find help', async () => {
    const scope = github();
    mockAccepted(scope, { role_name: 'maintain', permission: 'write' });
    mockReply(scope, '`daily/sales` is not a valid Airflow DAG id (letters, digits, `_`, `.`, `-`; at most 250); see `/spark-tune help`.');
    const app = await startApp();

    await app.send('/spark-tune daily/sales');

    expect(app.plans).toEqual([]);
  });

  it('tells the user that the metrics settings are wrong, without reading the repository', async () => {
    const scope = github();
    mockAccepted(scope, { role_name: 'admin', permission: 'admin' });
    const message =
      'spark-tuner is not configured correctly: ATHENA_TABLE is not set; set it to the Iceberg table of application summaries. Ask whoever runs the app to fix its settings.';
    mockReply(scope, `@Codertocat ${message}`);
    const app = await startApp({ metrics: { ok: false, message } });

    await app.send('/spark-tune daily_sales');

    expect(app.plans).toEqual([]);
  });

  it('replies with one sentence when GitHub refuses a request during the job', async () => {
    const scope = github();
    mockAccepted(scope);
    scope.get(`${REPO_PATH}/git/ref/heads%2F${DEFAULT_BRANCH}`).reply(403, { message: 'Resource not accessible by integration' });
    mockReply(
      scope,
      '@Codertocat GitHub refused a request from spark-tuner (HTTP 403); check that the app is installed on this repository with contents, pull requests and issues write access.',
    );
    const app = await startApp();

    await app.send('/spark-tune daily_sales');

    expect(app.plans).toEqual([]);
  });

  it('replies with the one sentence of a failed Athena query and keeps answering commands', async () => {
    const scope = github();
    mockAccepted(scope);
    mockBase(scope);
    mockTree(scope, [{ path: DAG_FILE, content: OLD_DAG }]);
    const reason = 'The Athena query q-1 failed: TABLE_NOT_FOUND: Table spark_metrics.application_summaries does not exist.';
    mockReply(scope, `@Codertocat The run metrics could not be read: ${reason}`);
    const failing = { name: 'athena' as const, load: async () => Promise.reject(new MetricsError(reason)) };
    const app = await startApp({ metrics: { ok: true, source: failing } });

    await app.send('/spark-tune daily_sales');

    scope.get(`${REPO_PATH}/collaborators/Codertocat/permission`).reply(200, { role_name: 'write', permission: 'write', user: { login: 'Codertocat' } });
    scope.post(`${REPO_PATH}/issues/comments/492700400/reactions`, { content: 'eyes' }).reply(201, { id: 1, content: 'eyes' });
    mockReply(scope, HELP_TEXT);
    await app.send('/spark-tune help');
    expect(app.plans).toEqual([]);
  });

  it('replies with a delivery id when the planner fails unexpectedly', async () => {
    const scope = github();
    mockAccepted(scope);
    mockBase(scope);
    mockTree(scope, [{ path: DAG_FILE, content: OLD_DAG }]);
    mockReply(
      scope,
      '@Codertocat spark-tuner stopped on an unexpected error; try again, and if it keeps failing give whoever runs the app the delivery id `delivery-1` to find the details in its log.',
    );
    const app = await startApp({
      plan: async () => {
        throw new Error('tree-sitter exploded');
      },
    });

    await app.send('/spark-tune daily_sales');

    expect(app.plans).toHaveLength(1);
  });
});

describe('app: the default export', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    vi.unstubAllEnvs();
    expectNoPendingMocks();
  });

  it('reads its settings from the environment and answers a command with a configuration problem', async () => {
    vi.stubEnv('METRICS_SOURCE', 'eventlogs');
    vi.stubEnv('EVENT_LOG_DIR', '');
    const scope = github();
    mockAccepted(scope);
    mockReply(
      scope,
      '@Codertocat spark-tuner is not configured correctly: METRICS_SOURCE=eventlogs needs EVENT_LOG_DIR, the directory of Spark event logs. Ask whoever runs the app to fix its settings.',
    );
    const probot = new Probot({
      appId: 123,
      privateKey: PRIVATE_KEY,
      logLevel: 'fatal',
      Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    await probot.load(sparkTuner);

    const payload = issueCommentPayload('/spark-tune daily_sales');
    await probot.receive({ id: 'delivery-2', name: 'issue_comment', payload } as unknown as Parameters<Probot['receive']>[0]);

    // The job runs after the webhook was answered: wait until its reply was posted.
    await vi.waitFor(() => expect(scope.isDone()).toBe(true));
  });
});
