import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let github: Server;
let app: ChildProcess;
let appUrl = '';
const seen: Seen[] = [];

function fakeGitHub(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const url = req.url ?? '';
      res.setHeader('content-type', 'application/json');
      if (url.endsWith('/access_tokens')) return res.writeHead(201).end(JSON.stringify({ token: 'ghs_fake', expires_at: '2099-01-01T00:00:00Z' }));
      if (url.includes('/collaborators/')) return res.writeHead(200).end(JSON.stringify({ permission: 'write', role_name: 'write' }));
      if (url.endsWith('/reactions') || url.endsWith('/comments')) return res.writeHead(201).end(JSON.stringify({ id: 1 }));
      return res.writeHead(404).end(JSON.stringify({ message: 'Not Found' }));
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

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function deliver(body: string, signature: string): Promise<Response> {
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

describe('e2e: npm start (probot run ./lib/app.js)', () => {
  beforeAll(async () => {
    github = await fakeGitHub();
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
        GHE_HOST: `127.0.0.1:${(github.address() as AddressInfo).port}`,
        GHE_PROTOCOL: 'http',
        EVENT_LOG_DIR: path.join(ROOT, 'test/e2e'),
      },
      stdio: 'ignore',
    });
    await until(async () => ((await fetch(`${appUrl}/ping`).catch(() => null))?.ok ? true : undefined), 'GET /ping');
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
    const response = await deliver(JSON.stringify(issueCommentPayload('/spark-tune daily_sales')), 'sha256=0000');
    expect(response.status).toBe(400);
  });

  it('reacts 👀 to a signed /spark-tune comment through the configured GitHub host, then replies', async () => {
    const body = JSON.stringify(issueCommentPayload('/spark-tune daily_sales'));
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const response = await deliver(body, signature);
    expect(response.status).toBeLessThan(300);
    const reaction = await until(() => seen.find((r) => r.url.endsWith('/reactions')), 'the 👀 reaction');
    expect(reaction).toMatchObject({ method: 'POST', url: '/api/v3/repos/Codertocat/Hello-World/issues/comments/492700400/reactions' });
    expect(JSON.parse(reaction.body)).toEqual({ content: 'eyes' });
    const reply = await until(() => seen.find((r) => r.url.endsWith('/issues/1/comments')), 'the reply');
    expect(JSON.parse(reply.body).body).toMatch(/^@Codertocat /);
  });
});
