import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generator/scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import { startFakeAthena, type FakeAthena } from '../metrics/athena/support/fake-athena.js';
import { issueCommentPayload, PRIVATE_KEY } from '../publish/github/support/github-mock.js';

/**
 * `npm start` for real: `probot run ./lib/app.js` as a child process with Probot's own variables, talking to a
 * local stand-in for GitHub through GHE_HOST/GHE_PROTOCOL. Checks /ping, the webhook signature, and the 👀.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'test-webhook-secret';

interface Seen {
  method: string;
  url: string;
  body: string;
}

const REPO_API = '/api/v3/repos/Codertocat/Hello-World';
const EXAMPLE = path.join(ROOT, 'examples/dag-repo');
const EXAMPLE_FILES = ['dags/daily_sales.py', 'dags/hourly_events.py', '.github/spark-tuner.yml'].map((file) => ({
  path: file,
  content: readFileSync(path.join(EXAMPLE, file), 'utf8'),
}));
const BASE_SHA = 'b'.repeat(40);
const TREE_SHA = 'c'.repeat(40);
const blobSha = (index: number): string => String(index).padStart(40, 'f');

/** What GitHub answers to the app's requests: the example DAG repository on `master`, and a new pull request. */
function gitHubAnswer(method: string, url: string): [number, unknown] {
  const route = url.replace(REPO_API, '');
  if (method === 'GET' && url.endsWith('/app')) return [200, { id: 1, slug: 'spark-tuner' }];
  if (url.endsWith('/access_tokens')) return [201, { token: 'ghs_fake', expires_at: '2099-01-01T00:00:00Z' }];
  if (url.includes('/collaborators/')) return [200, { permission: 'write', role_name: 'write' }];
  if (route === '/git/ref/heads%2Fmaster') return [200, { ref: 'refs/heads/master', object: { sha: BASE_SHA, type: 'commit' } }];
  if (route === `/git/commits/${BASE_SHA}`) return [200, { sha: BASE_SHA, tree: { sha: TREE_SHA } }];
  if (route.startsWith(`/git/trees/${TREE_SHA}`)) {
    const tree = EXAMPLE_FILES.map((file, index) => ({ path: file.path, mode: '100644', type: 'blob', sha: blobSha(index), size: Buffer.byteLength(file.content) }));
    return [200, { sha: TREE_SHA, tree, truncated: false }];
  }
  const blob = /^\/git\/blobs\/(f*\d+)$/.exec(route);
  if (blob?.[1]) {
    const file = EXAMPLE_FILES[Number(blob[1].replace(/^f+/, ''))];
    if (file) return [200, { encoding: 'base64', content: Buffer.from(file.content).toString('base64') }];
  }
  if (method === 'GET' && route.startsWith('/pulls')) return [200, []];
  // Labels exist already; there is no dashboard issue yet (so no ignores).
  if (method === 'GET' && route.startsWith('/labels/')) return [200, { name: decodeURIComponent(route.slice('/labels/'.length)) }];
  if (method === 'GET' && route.startsWith('/issues?')) return [200, []];
  if (method === 'POST' && route === '/git/trees') return [201, { sha: 'e'.repeat(40) }];
  if (method === 'POST' && route === '/git/commits') return [201, { sha: 'a'.repeat(40) }];
  if (method === 'POST' && route === '/git/refs') return [201, {}];
  if (method === 'POST' && route === '/pulls') return [201, { number: 12, html_url: 'https://github.com/Codertocat/Hello-World/pull/12' }];
  if (method === 'POST' && (url.endsWith('/reactions') || url.endsWith('/comments') || url.endsWith('/labels'))) return [201, { id: 1 }];
  return [404, { message: 'Not Found' }];
}

function fakeGitHub(seen: Seen[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const [status, answer] = gitHubAnswer(req.method ?? '', req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.writeHead(status).end(JSON.stringify(answer));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A port nothing listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, attempts = 150): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function deliver(appUrl: string, body: string, signature: string): Promise<Response> {
  return fetch(`${appUrl}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issue_comment',
      'x-github-delivery': 'delivery-server-test',
      'x-hub-signature-256': signature,
    },
    body,
  });
}

function signed(comment: string): { body: string; signature: string } {
  const body = JSON.stringify(issueCommentPayload(comment));
  return { body, signature: `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` };
}

/** `probot run ./lib/app.js` with Probot's variables, this GitHub stand-in and the app's own `env`; resolves once /ping answers. */
async function startServer(github: Server, env: Record<string, string>): Promise<{ app: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, [path.join(ROOT, 'node_modules/probot/bin/probot.js'), 'run', './lib/app.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      APP_ID: '123',
      PRIVATE_KEY,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      GHE_HOST: `127.0.0.1:${(github.address() as AddressInfo).port}`,
      GHE_PROTOCOL: 'http',
      ...env,
    },
    stdio: 'ignore',
  });
  await until(async () => ((await fetch(`${url}/ping`).catch(() => null))?.ok ? true : undefined), 'GET /ping');
  return { app, url };
}

describe('e2e: npm start (probot run ./lib/app.js)', () => {
  const seen: Seen[] = [];
  let github: Server;
  let app: ChildProcess;
  let appUrl = '';

  beforeAll(async () => {
    github = await fakeGitHub(seen);
    ({ app, url: appUrl } = await startServer(github, { EVENT_LOG_DIR: path.join(ROOT, 'test/e2e') }));
  });

  afterAll(async () => {
    app?.kill();
    await new Promise((resolve) => github?.close(resolve));
  });

  it('answers GET /ping', async () => {
    const response = await fetch(`${appUrl}/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('PONG');
  });

  it('rejects a webhook whose signature does not match', async () => {
    const response = await deliver(appUrl, JSON.stringify(issueCommentPayload('/spark-tune daily_sales')), 'sha256=0000');
    expect(response.status).toBe(400);
  });

  it('reacts 👀 to a signed /spark-tune comment through the configured GitHub host, then replies', async () => {
    const { body, signature } = signed('/spark-tune daily_sales');
    const response = await deliver(appUrl, body, signature);
    expect(response.status).toBeLessThan(300);
    const reaction = await until(() => seen.find((r) => r.url.endsWith('/reactions')), 'the 👀 reaction');
    expect(reaction).toMatchObject({ method: 'POST', url: '/api/v3/repos/Codertocat/Hello-World/issues/comments/492700400/reactions' });
    expect(JSON.parse(reaction.body)).toEqual({ content: 'eyes' });
    const reply = await until(() => seen.find((r) => r.url.endsWith('/issues/1/comments')), 'the reply');
    expect(JSON.parse(reply.body).body).toMatch(/^@Codertocat /);
  });
});

describe('e2e: npm start with METRICS_SOURCE=athena, against a local Athena endpoint', () => {
  const seen: Seen[] = [];
  let github: Server;
  let athena: FakeAthena;
  let app: ChildProcess;
  let appUrl = '';
  let logs = '';

  beforeAll(async () => {
    // The demo's daily_sales history, summarized into the table the way the ingest would, ending now (the app's clock).
    logs = await mkdtemp(path.join(tmpdir(), 'spark-tuner-e2e-athena-'));
    await generateScenario('overprovisioned-memory', { outDir: logs, now: new Date() });
    await generateScenario('healthy', { outDir: logs, now: new Date() });
    athena = await startFakeAthena();
    athena.configure({ table: (await summarizeEventLogs([logs])).summaries, running_polls: 2, page_size: 3 });
    github = await fakeGitHub(seen);
    ({ app, url: appUrl } = await startServer(github, {
      METRICS_SOURCE: 'athena',
      ATHENA_DATABASE: 'spark_metrics',
      ATHENA_TABLE: 'application_summaries',
      ATHENA_WORKGROUP: 'spark-tuner',
      ATHENA_OUTPUT_LOCATION: 's3://athena-results/spark-tuner/',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test-access-key-id',
      AWS_SECRET_ACCESS_KEY: 'fake-secret',
      AWS_ENDPOINT_URL_ATHENA: athena.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }));
  }, 60_000);

  afterAll(async () => {
    app?.kill();
    await new Promise((resolve) => github?.close(resolve));
    await athena?.close();
    if (logs) await rm(logs, { recursive: true, force: true });
  });

  it('answers /spark-tune daily_sales.load_orders with the pull request, from parameterized Athena queries', async () => {
    const { body, signature } = signed('/spark-tune daily_sales.load_orders');
    expect((await deliver(appUrl, body, signature)).status).toBeLessThan(300);

    const reply = await until(() => seen.find((r) => r.url.endsWith('/issues/1/comments')), 'the reply', 500);
    expect(JSON.parse(reply.body).body).toBe('@Codertocat Opened pull request #12: https://github.com/Codertocat/Hello-World/pull/12');
    const pull = JSON.parse(seen.find((r) => r.method === 'POST' && r.url.endsWith('/Hello-World/pulls'))?.body ?? '{}');
    expect(pull).toMatchObject({ title: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g', head: 'spark-tuner/daily_sales', base: 'master' });
    expect(pull.body).toContain('the Athena summary table');
    expect(pull.body).toMatch(/\| load_orders \| `spark.executor.memory` \| `16g` \| `8g` \| peak heap 5\.\d GiB over 5 runs is 3\d% of 16g \|/);
    const tree = JSON.parse(seen.find((r) => r.method === 'POST' && r.url.endsWith('/git/trees'))?.body ?? '{}');
    expect(tree.tree[0].content).toContain('"spark.executor.memory": "8g",  # sized');

    // `daily_sales.load_orders` read as a DAG id first, then as DAG daily_sales, task load_orders: every id a parameter.
    const queries = athena.calls.filter((call) => call.target === 'StartQueryExecution').map((call) => call.body);
    expect(queries.map((query) => (query.ExecutionParameters as string[]).slice(2))).toEqual([["'daily_sales.load_orders'"], ["'daily_sales'", "'load_orders'"]]);
    for (const query of queries) {
      expect(query.QueryString).not.toMatch(/daily_sales|load_orders/);
      expect(query).toMatchObject({ WorkGroup: 'spark-tuner', ResultConfiguration: { OutputLocation: 's3://athena-results/spark-tuner/' } });
    }
  }, 60_000);
});
