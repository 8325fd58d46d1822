import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisJsonSchema } from '../../src/diagnose/json/diagnosis-schema.js';
import { copyDagRepo, PLANTED, writePlantedLogs } from './support/planted-logs.js';
import { textOf } from './support/results.js';

/** `spark-tuner mcp --http` for real: the built CLI as a child process on a free port, driven by the SDK's client. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'spark-tuner.js');
const TOKEN = 'test-token-0123456789abcdef';

let dir = '';
let logs = '';
let repo = '';
let server: ChildProcess | null = null;
let url = '';
let stderr = '';

async function listening(child: ChildProcess): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const found = /listening on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1];
    if (found) return found;
    if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not start: ${stderr}`);
}

async function connect(token: string | null): Promise<Client> {
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const client = new Client({ name: 'spark-tuner-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-mcp-http-'));
  logs = await writePlantedLogs(dir);
  repo = await copyDagRepo(ROOT, dir);
  const child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0', '--event-logs', logs, '--until', '2026-11-21T10:00:00Z'], {
    env: { PATH: process.env.PATH ?? '', MCP_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await listening(child);
}, 60_000);

afterAll(async () => {
  if (server?.pid !== undefined && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('spark-tuner mcp --http', () => {
  it('serves Streamable HTTP at /mcp on 127.0.0.1 to a client with the token', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connect(TOKEN);
    try {
      expect(client.getServerVersion()?.name).toBe('spark-tuner');
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['list_tasks', 'get_task_metrics', 'diagnose_task', 'propose_change', 'whatif']);
      expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['spark_tuning_analysis']);
      const answers: CallToolResult[] = [];
      const call = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> => {
        const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
        answers.push(result);
        return result;
      };
      expect((await call('list_tasks', {})).structuredContent).toMatchObject({ tasks_total: 4 });
      expect((await call('get_task_metrics', { dag_id: 'planted_failing' })).structuredContent).toMatchObject({ runs_total: 5 });
      const diagnosis = DiagnosisJsonSchema.parse((await call('diagnose_task', { dag_id: 'daily_sales', task_id: 'load_orders' })).structuredContent);
      expect(diagnosis.tasks[0]?.recommendations.map((r) => r.key)).toEqual(['spark.executor.memory']);
      expect((await call('propose_change', { dag_id: 'daily_sales', repo_path: repo })).structuredContent).toMatchObject({ status: 'proposal' });
      const bad = await call('get_task_metrics', { dag_id: '"; DROP TABLE summaries; --' });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toContain('dag_id must be an Airflow DAG id');
      for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(PLANTED);
    } finally {
      await client.close();
    }
  });

  it.each([
    ['without a token', {}],
    ['with a wrong token', { Authorization: 'Bearer test-token-0123456789abcdeX' }],
    ['with the token in another scheme', { Authorization: `Basic ${TOKEN}` }],
  ])('answers 401 %s, and the SDK client cannot connect', async (_name, headers: Record<string, string>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = headers.Authorization?.startsWith('Bearer ') ? headers.Authorization.slice(7) : null;
    await expect(connect(wrong)).rejects.toThrow();
  });

  it('answers 404 off /mcp and 405 to GET with the token', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    expect((await fetch(new URL('/other', url), { headers: auth })).status).toBe(404);
    expect((await fetch(url, { headers: auth })).status).toBe(405);
  });

  it('logs neither the token nor the planted secret', () => {
    expect(stderr).toContain('401');
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain(PLANTED);
  });

  it.each([
    ['without MCP_TOKEN', {}],
    ['with a short MCP_TOKEN', { MCP_TOKEN: 'short' }],
  ])('refuses to start %s, in one sentence, exit 2', (_name, env: Record<string, string>) => {
    const result = spawnSync(process.execPath, [BIN, 'mcp', '--http', '--port', '0', '--event-logs', logs], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'spark-tuner mcp: --http needs MCP_TOKEN, a secret of at least 16 characters that clients send as "Authorization: Bearer <MCP_TOKEN>".\n',
    );
  });
});
