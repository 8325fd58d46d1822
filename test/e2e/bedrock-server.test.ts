import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generator/scenarios.js';
import { issueCommentPayload, PRIVATE_KEY } from '../publish/github/support/github-mock.js';
import { startFakeBedrock, type FakeBedrock } from '../support/fake-bedrock.js';
import { startFakeGitHub, type FakeGitHubServer } from './support/fake-github-server.js';

/**
 * `npm start` (`probot run ./lib/app.js`) as a child process with BEDROCK_MODEL_ID set and
 * AWS_ENDPOINT_URL_BEDROCK_RUNTIME at a local Converse endpoint: `/spark-tune daily_sales` opens a pull request whose
 * body carries the model's sections; when the model invents a number, the deterministic sections and the reason.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'test-webhook-secret';
const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const EXAMPLE = path.join(ROOT, 'examples/dag-repo');
const FILES = ['dags/daily_sales.py', 'dags/hourly_events.py', '.github/spark-tuner.yml'].map((file) => ({
  path: file,
  content: readFileSync(path.join(EXAMPLE, file), 'utf8'),
}));

let github: FakeGitHubServer;
let bedrock: FakeBedrock;
let app: ChildProcess;
let appUrl = '';
let temp = '';
let deliveries = 0;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Sends a signed `/spark-tune` comment and returns the body of the pull request it opened. */
async function tuneAndReadPullRequest(): Promise<string> {
  const before = github.calls.length;
  const body = JSON.stringify(issueCommentPayload('/spark-tune daily_sales'));
  deliveries += 1;
  const response = await fetch(`${appUrl}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issue_comment',
      'x-github-delivery': `delivery-bedrock-${deliveries}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  });
  expect(response.status).toBeLessThan(300);
  const reply = await until(() => github.calls.slice(before).find((c) => c.method === 'POST' && c.path.endsWith('/issues/1/comments')), 'the reply');
  expect(JSON.parse(reply.body).body).toMatch(/Opened pull request #12/);
  const pull = github.calls.slice(before).find((c) => c.method === 'POST' && c.path.endsWith('/pulls'));
  return String(JSON.parse(pull?.body ?? '{}').body);
}

describe('e2e: npm start with BEDROCK_MODEL_ID against a local Bedrock endpoint', () => {
  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'spark-tuner-bedrock-e2e-'));
    await generateScenario('overprovisioned-memory', { outDir: path.join(temp, 'logs'), now: new Date() });
    github = await startFakeGitHub(FILES);
    bedrock = await startFakeBedrock({ kind: 'hallucinate' });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = spawn(process.execPath, [path.join(ROOT, 'node_modules/probot/bin/probot.js'), 'run', './lib/app.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        APP_ID: '123',
        PRIVATE_KEY,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        GHE_HOST: github.host,
        GHE_PROTOCOL: 'http',
        EVENT_LOG_DIR: path.join(temp, 'logs'),
        BEDROCK_MODEL_ID: MODEL,
        BEDROCK_CACHE_DIR: path.join(temp, 'cache'),
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: 'ignore',
    });
    await until(async () => ((await fetch(`${appUrl}/ping`).catch(() => null))?.ok ? true : undefined), 'GET /ping');
  }, 60_000);

  afterAll(async () => {
    app?.kill();
    await github?.close();
    await bedrock?.close();
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('with a model that invents 999g: the deterministic sections, and the reason in the body', async () => {
    const body = await tuneAndReadPullRequest();
    expect(bedrock.requests).toHaveLength(1);
    expect(body).toContain(
      '<sub>The analysis below was written by spark-tuner\'s deterministic renderer: Amazon Bedrock\'s answer was not used because it wrote numbers the data does not hold in "Resource recommendations" (999g).</sub>',
    );
    expect(body).not.toContain('Model overview');
    expect(body).toContain('narrative: deterministic');
  }, 40_000);

  it('with a faithful model: the model\'s five sections, and which model wrote them', async () => {
    bedrock.setFallback({ kind: 'answer' });
    const body = await tuneAndReadPullRequest();
    expect(bedrock.requests).toHaveLength(2);
    expect(body).toContain(`<sub>The analysis below was written by Amazon Bedrock (${MODEL}) and checked against the data`);
    expect(body).toContain('### Application overview\n\nModel overview: DAG daily_sales runs its Spark tasks');
    expect(body).toContain('### Resource recommendations\n\n- `spark.executor.memory` `16g` → `8g`: peak heap');
    expect(body).toContain('### Action summary\n\nModel action: merge to apply the change');
    expect(body).toContain(`narrative: bedrock (${MODEL})`);
  }, 40_000);
});
