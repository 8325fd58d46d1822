import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { BOT_LOGIN } from '../../publish/github/support/github-mock.js';

const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as WebhookDefinition[];

function example(name: string, action: string): Record<string, unknown> {
  const definition = definitions.find((candidate) => candidate.name === name);
  const found = definition?.examples.find((candidate) => (candidate as { action?: string }).action === action);
  if (!found) throw new Error(`no ${name}.${action} example`);
  // Some examples come without an installation; the app needs one to act.
  return { installation: { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' }, ...structuredClone(found) } as Record<string, unknown>;
}

export interface ClosedPullRequest {
  number?: number;
  merged?: boolean;
  ref?: string;
  author?: string;
  title?: string;
  body?: string;
}

/** The real `pull_request.closed` example (Codertocat/Hello-World), as a spark-tuner PR closed unmerged by default. */
export function pullRequestClosedPayload(pr: ClosedPullRequest = {}) {
  const payload = example('pull_request', 'closed') as { pull_request: Record<string, unknown> & { head: { ref: string }; user: { login: string; type: string } } };
  const pull = payload.pull_request;
  pull.number = pr.number ?? 7;
  pull.merged = pr.merged ?? false;
  pull.merged_at = pr.merged ? '2026-03-01T00:00:00Z' : null;
  pull.head.ref = pr.ref ?? 'spark-tuner/daily_sales';
  pull.user.login = pr.author ?? BOT_LOGIN;
  pull.user.type = pull.user.login.endsWith('[bot]') ? 'Bot' : 'User';
  pull.title = pr.title ?? 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g';
  pull.body = pr.body ?? 'Evidence…\n\n<!-- spark-tuner:fingerprint=abc123 -->\n';
  return payload;
}

/** The real `issues.edited` example, as an edit of issue `number` (by the app) to `body`, made by `sender`. */
export function issueEditedPayload(body: string, options: { number?: number; sender?: { login: string; type: 'User' | 'Bot' } } = {}) {
  const payload = example('issues', 'edited') as {
    issue: { number: number; body: string; user: { login: string; type: string } };
    sender: { login: string; type: string };
  };
  payload.issue.number = options.number ?? 42;
  payload.issue.body = body;
  payload.issue.user.login = BOT_LOGIN;
  payload.issue.user.type = 'Bot';
  payload.sender.login = options.sender?.login ?? 'Codertocat';
  payload.sender.type = options.sender?.type ?? 'User';
  return payload;
}

/** The real `issue_comment.edited` example, with this comment body and an installation. */
export function issueCommentEditedPayload(body: string) {
  const payload = example('issue_comment', 'edited') as { comment: { body: string } };
  payload.comment.body = body;
  return payload;
}
