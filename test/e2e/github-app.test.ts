import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { eventLogSource } from '../../src/metrics/eventlog-source.js';
import { planProposal } from '../../src/pipeline/plan-proposal.js';
import { createJobQueue } from '../../src/triggers/job-queue.js';
import {
  API,
  BASE_SHA,
  expectNoPendingMocks,
  issueCommentPayload,
  ISSUE_NUMBER,
  mockBase,
  mockTree,
  PRIVATE_KEY,
  REPO_PATH,
  sha,
  TREE_SHA,
  mockAppLogin,
  mockDashboardSearch,
  mockLabelsExist,
} from '../publish/github/support/github-mock.js';
import { mockAccepted } from '../triggers/support/app-harness.js';

/** The whole GitHub path with nothing faked but GitHub: generated event logs, the real planner, the example DAGs. */
const NOW = new Date('2026-11-20T12:00:00Z');
const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/dag-repo');
const files = ['dags/daily_sales.py', 'dags/hourly_events.py', '.github/spark-tuner.yml'].map((file) => ({
  path: file,
  content: readFileSync(path.join(EXAMPLE, file), 'utf8'),
}));
const DAILY_SALES = files[0]?.content ?? '';

async function startApp(): Promise<{ send(body: string): Promise<void> }> {
  const logs = await mkdtemp(path.join(tmpdir(), 'spark-tuner-e2e-'));
  await generateScenario('overprovisioned-memory', { outDir: logs, now: NOW });
  await generateScenario('healthy', { outDir: logs, now: NOW });
  const queue = createJobQueue();
  const probot = new Probot({
    appId: 123,
    privateKey: PRIVATE_KEY,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(
    createApp({
      metricsSource: () => ({ ok: true, source: eventLogSource(logs) }),
      planner: planProposal,
      queue,
      clock: () => NOW.getTime(),
    }),
  );
  return {
    async send(body) {
      const event = { id: 'delivery-e2e', name: 'issue_comment', payload: issueCommentPayload(body) };
      await probot.receive(event as unknown as Parameters<Probot['receive']>[0]);
      await queue.idle();
    },
  };
}

function capture(scope: nock.Scope, method: 'post' | 'patch', route: string, reply: object): () => Record<string, unknown> {
  let body: Record<string, unknown> = {};
  scope[method](route).reply(201, (_uri, requestBody) => {
    body = requestBody as Record<string, unknown>;
    return reply;
  });
  return () => body;
}

describe('e2e: /spark-tune on GitHub, from event logs to a pull request', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => expectNoPendingMocks());

  it('edits only the memory value of load_orders and opens a PR with the evidence', async () => {
    const scope = nock(API);
    mockAccepted(scope, { role_name: 'admin', permission: 'admin' });
    mockBase(scope);
    const read = mockTree(scope, files);
    for (const file of files) read(file.path);
    mockAppLogin(scope);
    mockDashboardSearch(scope);
    scope.get(`${REPO_PATH}/pulls`).query(true).reply(200, []);
    scope.get(`${REPO_PATH}/git/ref/heads%2Fspark-tuner%2Fdaily_sales`).reply(404, { message: 'Not Found' });
    const tree = capture(scope, 'post', `${REPO_PATH}/git/trees`, { sha: sha('n') });
    const commit = capture(scope, 'post', `${REPO_PATH}/git/commits`, { sha: sha('m') });
    scope.post(`${REPO_PATH}/git/refs`, { ref: 'refs/heads/spark-tuner/daily_sales', sha: sha('m') }).reply(201, {});
    const pull = capture(scope, 'post', `${REPO_PATH}/pulls`, { number: 12, html_url: 'https://github.com/Codertocat/Hello-World/pull/12' });
    mockLabelsExist(scope, ['spark-tuning', 'cost']);
    scope.post(`${REPO_PATH}/issues/12/labels`, { labels: ['spark-tuning', 'cost'] }).reply(200, []);
    const reply = capture(scope, 'post', `${REPO_PATH}/issues/${ISSUE_NUMBER}/comments`, { id: 99 });

    await (await startApp()).send('/spark-tune daily_sales.load_orders');

    const expected = DAILY_SALES.replace('"spark.executor.memory": "16g",  # sized', '"spark.executor.memory": "8g",  # sized');
    expect(expected).not.toBe(DAILY_SALES);
    expect(tree()).toEqual({ base_tree: TREE_SHA, tree: [{ path: 'dags/daily_sales.py', mode: '100644', type: 'blob', content: expected }] });
    expect(commit()).toMatchObject({ tree: sha('n'), parents: [BASE_SHA] });
    expect(pull()).toMatchObject({
      title: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g',
      head: 'spark-tuner/daily_sales',
      base: 'master',
    });
    const body = String(pull().body);
    expect(body).toMatch(/\| load_orders \| `spark.executor.memory` \| `16g` \| `8g` \| peak heap 5\.\d GiB over 5 runs is 3\d% of 16g \|/);
    expect(body).toMatch(/<!-- spark-tuner:fingerprint=[0-9a-f]{16} -->/);
    expect(reply().body).toBe('@Codertocat Opened pull request #12: https://github.com/Codertocat/Hello-World/pull/12');
  });

  it('replies that nothing needs to change for a task whose memory fits', async () => {
    const scope = nock(API);
    mockAccepted(scope);
    mockBase(scope);
    mockTree(scope, files)('.github/spark-tuner.yml');
    const reply = capture(scope, 'post', `${REPO_PATH}/issues/${ISSUE_NUMBER}/comments`, { id: 99 });

    await (await startApp()).send('/spark-tune hourly_events');

    expect(reply().body).toMatch(/^@Codertocat No change proposed for hourly_events\. The configuration fits its 6 successful run\(s\) in the window\./);
  });
});
