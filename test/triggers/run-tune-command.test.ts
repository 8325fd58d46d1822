import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderDashboard } from '../../src/dashboard/render-dashboard.js';
import { emptyDashboard } from '../../src/dashboard/types.js';
import type { TaskDiagnosis } from '../../src/diagnose/types.js';
import type { PlanResult } from '../../src/pipeline/types.js';
import { gitBlobSha } from '../../src/publish/github/git-blob-sha.js';
import {
  BASE_SHA,
  expectNoPendingMocks,
  mockAppLogin,
  mockBase,
  mockDashboardSearch,
  mockLabelsExist,
  mockTree,
  OWNER,
  REPO_PATH,
  sha,
} from '../publish/github/support/github-mock.js';
import { DAG_FILE, makeProposal, NEW_DAG, OLD_DAG } from '../publish/github/support/proposal.js';
import { captureReply, DAY_MS, github, mockAccepted, mockReply, NOW, startApp } from './support/app-harness.js';

const PULLS = `${REPO_PATH}/pulls`;
const PULLS_QUERY = { head: `${OWNER}:spark-tuner/daily_sales`, state: 'all', per_page: '100' };
const BRANCH_REF = `${REPO_PATH}/git/ref/heads%2Fspark-tuner%2Fdaily_sales`;
const OPEN_PR = { number: 5, state: 'open', merged_at: null, body: 'old', html_url: 'https://github.com/Codertocat/Hello-World/pull/5' };
const CONFIG_PATH = '.github/spark-tuner.yml';

function diagnosis(overrides: Partial<TaskDiagnosis> = {}): TaskDiagnosis {
  return {
    dag_id: 'daily_sales',
    task_id: 'load_orders',
    window: { since: NOW - 14 * DAY_MS, until: NOW },
    runs_in_window: 4,
    successful_runs_in_window: 3,
    findings: [],
    recommendations: [],
    impact: null,
    notes: [],
    latest: null,
    ...overrides,
  };
}

/** Mocks what every job reads before planning: base ref, base commit, tree (with the DAG file). */
function mockRepo(scope: nock.Scope, extra: { path: string; content: string }[] = []) {
  mockBase(scope);
  return mockTree(scope, [{ path: DAG_FILE, content: OLD_DAG }, ...extra]);
}

const proposalResult = async (): Promise<PlanResult> => ({ kind: 'proposal', proposal: makeProposal(), diagnoses: [diagnosis()] });

describe('the /spark-tune job', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('updates the open pull request instead of opening a second one', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    scope.get(PULLS).query(PULLS_QUERY).reply(200, [OPEN_PR]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: sha('o') } });
    scope
      .get(`${REPO_PATH}/compare/${BASE_SHA}...${sha('o')}`)
      .reply(200, { ahead_by: 1, behind_by: 2, commits: [{ author: { login: 'spark-tuner[bot]' }, commit: {} }], files: [] });
    scope
      .post(`${REPO_PATH}/git/trees`, { base_tree: 't'.repeat(40), tree: [{ path: DAG_FILE, mode: '100644', type: 'blob', content: NEW_DAG }] })
      .reply(201, { sha: sha('n') });
    scope.post(`${REPO_PATH}/git/commits`, { message: makeProposal().commit_message, tree: sha('n'), parents: [BASE_SHA] }).reply(201, { sha: sha('m') });
    scope.patch(`${REPO_PATH}/git/refs/heads%2Fspark-tuner%2Fdaily_sales`, { sha: sha('m'), force: true }).reply(200, {});
    scope.patch(`${PULLS}/5`, { title: makeProposal().title, body: makeProposal().body }).reply(200, {});
    mockReply(
      scope,
      '@Codertocat Updated pull request #5 with a fresh analysis on the current base branch: https://github.com/Codertocat/Hello-World/pull/5',
    );
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales');
  });

  it('leaves a branch with a human’s commit alone and says so', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    scope.get(PULLS).query(PULLS_QUERY).reply(200, [OPEN_PR]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: sha('o') } });
    scope.get(`${REPO_PATH}/compare/${BASE_SHA}...${sha('o')}`).reply(200, {
      ahead_by: 2,
      behind_by: 0,
      commits: [{ author: { login: 'spark-tuner[bot]' }, commit: {} }, { author: { login: 'alice' }, commit: {} }],
      files: [],
    });
    mockReply(
      scope,
      '@Codertocat spark-tuner left the branch alone because branch `spark-tuner/daily_sales` has commits by `alice` (#5); merge or close that work (or delete the branch), then run the command again.',
    );
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales');
  });

  it('with the dashboard off, does not reopen or duplicate a pull request closed without merging', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope, [{ path: CONFIG_PATH, content: 'dashboard: false\n' }])(CONFIG_PATH);
    scope.get(PULLS).query(PULLS_QUERY).reply(200, [{ ...OPEN_PR, number: 4, state: 'closed', body: makeProposal().body }]);
    mockReply(scope, '@Codertocat ignored: #4 was closed without merging; reopen it to apply.');
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales');
  });

  const answers: [string, PlanResult, string][] = [
    [
      'no change',
      {
        kind: 'no-change',
        message: 'Nothing to change: the configuration fits the last 14 days of runs.',
        diagnoses: [diagnosis({ notes: ['only 2 successful runs; 3 needed'] })],
      },
      '@Codertocat Nothing to change: the configuration fits the last 14 days of runs.\n\n- `load_orders` (3 of 4 runs succeeded)\n  - only 2 successful runs; 3 needed',
    ],
    [
      'a refusal',
      { kind: 'refused', reason: 'the value is built by an f-string.', diagnoses: [] },
      '@Codertocat A change is due, but spark-tuner cannot edit the DAG file safely: the value is built by an f-string.',
    ],
    [
      'not found',
      { kind: 'not-found', message: 'No DAG `daily_sales` in the 1 Python files under dags/.' },
      '@Codertocat No DAG `daily_sales` in the 1 Python files under dags/.',
    ],
  ];

  it.each(answers)('replies with the planner’s %s, and writes nothing', async (_name, result, reply) => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    mockReply(scope, reply);
    const app = await startApp({ plan: async () => result });

    await app.send('/spark-tune daily_sales');

    expect(app.plans).toHaveLength(1);
  });

  it('replies to --dry-run with the analysis and makes no git writes', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    const reply = captureReply(scope);
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales --dry-run');

    const body = reply.body();
    expect(body).toContain('@Codertocat **Dry run**: no branch and no pull request were created.');
    expect(body).toContain('**Tune daily_sales.load_orders: spark.executor.memory 16g → 8g** in `dags/daily_sales.py`');
    expect(body).toContain('```diff\n--- a/dags/daily_sales.py\n+++ b/dags/daily_sales.py\n@@ -5 +5 @@\n-    executor_memory="16g")');
    expect(body).toContain('<details><summary>Analysis</summary>\n\n## Summary\n\nExecutors use at most 40% of their heap.');
  });

  it('honours the repository config: dry_run, lookback_days, and its problems in the reply', async () => {
    const scope = github();
    mockAccepted(scope);
    const readFile = mockRepo(scope, [{ path: CONFIG_PATH, content: 'dry_run: true\nlookback_days: 7\nlabels: [tuning]\ncolour: blue\n' }]);
    readFile(CONFIG_PATH);
    const reply = captureReply(scope);
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales');

    expect(app.queries).toEqual([{ dag_id: 'daily_sales', task_id: null, since: NOW - 7 * DAY_MS, until: NOW }]);
    expect(app.plans[0]).toMatchObject({ lookback_days: 7, labels: ['tuning'] });
    expect(reply.body()).toMatch(/^@Codertocat \*\*Dry run\*\*/);
    expect(reply.body()).toMatch(/\n\nNotes:\n- Unknown setting `colour` in \.github\/spark-tuner\.yml; it is ignored\.$/);
  });

  it('adds a truncated tree and unreadable metrics inputs to the reply as notes', async () => {
    const scope = github();
    mockAccepted(scope);
    mockBase(scope);
    mockTree(scope, [{ path: DAG_FILE, content: OLD_DAG }], { truncated: true });
    mockReply(
      scope,
      [
        '@Codertocat Nothing to change.',
        '',
        'Notes:',
        '- The file list of Codertocat/Hello-World is too large for GitHub to return in full; some DAG files may have been missed.',
        "- 2 metrics inputs could not be read and were skipped; the app's log lists them.",
      ].join('\n'),
    );
    const app = await startApp({
      plan: async () => ({ kind: 'no-change', message: 'Nothing to change.', diagnoses: [] }),
      metricProblems: ['/logs/app-1: not JSON at line 3', '/logs/app-2: empty file'],
    });

    await app.send('/spark-tune daily_sales');
  });

  it('tries a dotted target as a whole DAG id first, then as dag.task', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    mockReply(scope, '@Codertocat Nothing to change.');
    const app = await startApp({
      plan: async (request) =>
        request.task_id === null
          ? { kind: 'not-found', message: 'No DAG `daily_sales.load_orders`.' }
          : { kind: 'no-change', message: 'Nothing to change.', diagnoses: [] },
    });

    await app.send('/spark-tune daily_sales.load_orders');

    expect(app.plans.map((plan) => [plan.dag_id, plan.task_id])).toEqual([
      ['daily_sales.load_orders', null],
      ['daily_sales', 'load_orders'],
    ]);
    expect(app.queries.map((query) => [query.dag_id, query.task_id])).toEqual([
      ['daily_sales.load_orders', null],
      ['daily_sales', 'load_orders'],
    ]);
  });

  it('names every reading of a dotted target that was not found', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    mockReply(
      scope,
      '@Codertocat DAG `a.b`: no such DAG. DAG `a` task `b`: no such DAG.',
    );
    const app = await startApp({ plan: async () => ({ kind: 'not-found', message: 'no such DAG.' }) });

    await app.send('/spark-tune a.b');
  });

  it('refreshes only the description when the branch already has this change', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    scope.get(PULLS).query(PULLS_QUERY).reply(200, [OPEN_PR]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: sha('o') } });
    scope.get(`${REPO_PATH}/compare/${BASE_SHA}...${sha('o')}`).reply(200, {
      ahead_by: 1,
      behind_by: 0,
      commits: [{ author: { login: 'spark-tuner[bot]' }, commit: {} }],
      files: [{ filename: DAG_FILE, sha: gitBlobSha(NEW_DAG) }],
    });
    scope.patch(`${PULLS}/5`, { title: makeProposal().title, body: makeProposal().body }).reply(200, {});
    mockReply(
      scope,
      '@Codertocat Pull request #5 already proposes this change; its description was refreshed: https://github.com/Codertocat/Hello-World/pull/5',
    );
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales');
  });
});

describe('the /spark-tune job with the dashboard’s ignore record and reviewers', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  const entry = {
    target: 'daily_sales.load_orders',
    fingerprint: makeProposal().fingerprint,
    summary: makeProposal().title,
    source: '#4 closed without merging',
  };

  it('respects an ignored proposal and says how to undo it, without touching the branch', async () => {
    const scope = github();
    mockAccepted(scope);
    mockRepo(scope);
    mockAppLogin(scope);
    mockDashboardSearch(scope, [{ number: 42, state: 'open', body: renderDashboard(emptyDashboard(), [entry]) }]);
    mockReply(
      scope,
      '@Codertocat This proposal is ignored: `daily_sales.load_orders` is on the ignore list of the "Spark tuning dashboard" issue (#4 closed without merging). ' +
        'To propose it again, tick its box there or comment `/spark-tune unignore daily_sales.load_orders`, then run the command again.',
    );
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales');
  });

  it('proposes again once un-ignored, although the declined pull request is still closed; a refused reviewer is reported', async () => {
    const scope = github();
    mockAccepted(scope);
    const read = mockRepo(scope, [{ path: '.github/CODEOWNERS', content: '/dags/ @alice @acme/etl\n' }]);
    read('.github/CODEOWNERS');
    mockAppLogin(scope);
    mockDashboardSearch(scope, [{ number: 42, state: 'open', body: renderDashboard(emptyDashboard(), []) }]);
    scope.get(PULLS).query(PULLS_QUERY).reply(200, [{ ...OPEN_PR, number: 4, state: 'closed', body: makeProposal().body }]);
    scope.get(BRANCH_REF).reply(404, { message: 'Not Found' });
    scope.post(`${REPO_PATH}/git/trees`).reply(201, { sha: sha('n') });
    scope.post(`${REPO_PATH}/git/commits`).reply(201, { sha: sha('m') });
    scope.post(`${REPO_PATH}/git/refs`).reply(201, {});
    scope.post(PULLS).reply(201, { number: 8, html_url: 'https://github.com/Codertocat/Hello-World/pull/8' });
    mockLabelsExist(scope, ['spark-tuning', 'cost']);
    scope.post(`${REPO_PATH}/issues/8/labels`).reply(200, []);
    const refused = { message: 'Reviews may only be requested from collaborators.' };
    scope.post(`${PULLS}/8/requested_reviewers`, { reviewers: ['alice'], team_reviewers: ['etl'] }).reply(422, refused);
    scope.post(`${PULLS}/8/requested_reviewers`, { reviewers: ['alice'] }).reply(201, {});
    scope.post(`${PULLS}/8/requested_reviewers`, { team_reviewers: ['etl'] }).reply(422, refused);
    mockReply(
      scope,
      '@Codertocat Opened pull request #8: https://github.com/Codertocat/Hello-World/pull/8\n\n' +
        'GitHub would not request a review from team etl (each must be a collaborator with access to the repository).',
    );
    const app = await startApp({ plan: proposalResult });

    await app.send('/spark-tune daily_sales');
  });
});

describe('two commands for the same DAG at once', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('run one after the other and produce one pull request', async () => {
    const scope = github();
    mockAccepted(scope);
    scope.get(`${REPO_PATH}/collaborators/Codertocat/permission`).reply(200, { role_name: 'write', permission: 'write' });
    scope.post(`${REPO_PATH}/issues/comments/492700400/reactions`).reply(201, {});
    // The first job opens the pull request…
    mockRepo(scope);
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    scope.get(PULLS).query(PULLS_QUERY).reply(200, []);
    scope.get(BRANCH_REF).reply(404, { message: 'Not Found' });
    scope.post(`${REPO_PATH}/git/trees`).reply(201, { sha: sha('n') });
    scope.post(`${REPO_PATH}/git/commits`).reply(201, { sha: sha('m') });
    scope.post(`${REPO_PATH}/git/refs`).reply(201, {});
    scope.post(PULLS).once().reply(201, { number: 7, html_url: 'https://github.com/Codertocat/Hello-World/pull/7' });
    mockLabelsExist(scope, ['spark-tuning', 'cost']);
    scope.post(`${REPO_PATH}/issues/7/labels`).reply(200, []);
    const first = captureReply(scope);
    // …the second finds it and the branch with exactly this change.
    mockRepo(scope);
    mockDashboardSearch(scope);
    scope.get(PULLS).query(PULLS_QUERY).reply(200, [{ ...OPEN_PR, number: 7, html_url: 'https://github.com/Codertocat/Hello-World/pull/7' }]);
    scope.get(BRANCH_REF).reply(200, { object: { sha: sha('m') } });
    scope.get(`${REPO_PATH}/compare/${BASE_SHA}...${sha('m')}`).reply(200, {
      ahead_by: 1,
      behind_by: 0,
      commits: [{ author: { login: 'spark-tuner[bot]' }, commit: {} }],
      files: [{ filename: DAG_FILE, sha: gitBlobSha(NEW_DAG) }],
    });
    scope.patch(`${PULLS}/7`).reply(200, {});
    const second = captureReply(scope);
    const app = await startApp({ plan: proposalResult });

    await Promise.all([app.send('/spark-tune daily_sales'), app.send('/spark-tune daily_sales')]);

    expect(app.plans).toHaveLength(2);
    expect(first.body()).toBe('@Codertocat Opened pull request #7: https://github.com/Codertocat/Hello-World/pull/7');
    expect(second.body()).toBe(
      '@Codertocat Pull request #7 already proposes this change; its description was refreshed: https://github.com/Codertocat/Hello-World/pull/7',
    );
  });
});
