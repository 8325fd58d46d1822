import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { createApp } from '../../../src/app.js';
import type { MetricsQuery, MetricsSource } from '../../../src/metrics/source.js';
import type { PlanRequest, PlanResult } from '../../../src/pipeline/types.js';
import { createJobQueue } from '../../../src/triggers/job-queue.js';
import type { MetricsSourceResult } from '../../../src/triggers/types.js';
import { API, COMMENT_ID, ISSUE_NUMBER, issueCommentPayload, PRIVATE_KEY, REPO_PATH } from '../../publish/github/support/github-mock.js';

/** The fixed "now" of the tests: 2026-03-01T00:00:00Z. */
export const NOW = Date.UTC(2026, 2, 1);
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface HarnessOptions {
  /** The fake planner's answer; it may read files through `request.repo`. */
  plan?: (request: PlanRequest) => Promise<PlanResult>;
  /** Replaces the fake event-log source (e.g. a configuration error). */
  metrics?: MetricsSourceResult;
  /** Problems the fake event-log source reports with each load. */
  metricProblems?: string[];
}

/** A Probot instance running `createApp` with fakes, and what the fakes saw. */
export interface Harness {
  send(body: string, sender?: { login: string; type: 'User' | 'Bot' }): Promise<void>;
  /** Delivers any webhook event (e.g. `pull_request`, `issues`) and waits for the jobs it queued. */
  deliver(name: string, payload: object): Promise<void>;
  plans: PlanRequest[];
  queries: MetricsQuery[];
}

/** Loads the app into a fresh Probot (no retries, no throttling) with a fake planner and metrics source. */
export async function startApp(options: HarnessOptions = {}): Promise<Harness> {
  const plans: PlanRequest[] = [];
  const queries: MetricsQuery[] = [];
  const source: MetricsSource = {
    name: 'eventlogs',
    load: async (query) => {
      queries.push(query);
      return { summaries: [], problems: options.metricProblems ?? [] };
    },
  };
  const queue = createJobQueue();
  const probot = new Probot({
    appId: 123,
    privateKey: PRIVATE_KEY,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((instanceOptions: object) => ({
      ...instanceOptions,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  await probot.load(
    createApp({
      metricsSource: () => options.metrics ?? { ok: true, source },
      planner: async (request) => {
        plans.push(request);
        if (!options.plan) throw new Error('the planner was not expected to run');
        return options.plan(request);
      },
      queue,
      clock: () => NOW,
    }),
  );
  async function deliver(name: string, payload: object): Promise<void> {
    const event = { id: 'delivery-1', name, payload };
    await probot.receive(event as unknown as Parameters<Probot['receive']>[0]);
    await queue.idle();
  }
  const send = (body: string, sender?: { login: string; type: 'User' | 'Bot' }) => deliver('issue_comment', issueCommentPayload(body, sender));
  return { send, deliver, plans, queries };
}

/** Mocks the installation token, the commenter's permission and (when accepted) the 👀 reaction. */
export function mockAccepted(scope: nock.Scope, role = { role_name: 'write', permission: 'write' }): void {
  scope.post('/app/installations/1/access_tokens').reply(201, { token: 'installation-token', permissions: {} });
  scope.get(`${REPO_PATH}/collaborators/Codertocat/permission`).reply(200, { ...role, user: { login: 'Codertocat' } });
  scope.post(`${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`, { content: 'eyes' }).reply(201, { id: 1, content: 'eyes' });
}

/** Mocks the reply comment, matching its body exactly. */
export function mockReply(scope: nock.Scope, body: string): void {
  scope.post(`${REPO_PATH}/issues/${ISSUE_NUMBER}/comments`, { body }).reply(201, { id: 2 });
}

/** Mocks the reply comment and keeps its body for assertions that are not exact. */
export function captureReply(scope: nock.Scope): { body: () => string } {
  let captured = '';
  scope.post(`${REPO_PATH}/issues/${ISSUE_NUMBER}/comments`).reply(201, (_uri, requestBody) => {
    captured = (requestBody as { body: string }).body;
    return { id: 2 };
  });
  return { body: () => captured };
}

export function github(): nock.Scope {
  return nock(API);
}
