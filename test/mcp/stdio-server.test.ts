import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisJsonSchema } from '../../src/diagnose/json/diagnosis-schema.js';
import { SECTIONS } from '../../src/narrate/types.js';
import { hasSharedEvents, sharedLog } from '../support/shared-data.js';
import { copyDagRepo, PLANTED, snapshot, writePlantedLogs } from './support/planted-logs.js';
import { textOf } from './support/results.js';

/**
 * `spark-tuner mcp` for real: the built CLI (`node bin/spark-tuner.js mcp`) as a child process on stdio, driven by the
 * SDK's own client. Every answer is kept, to show at the end that the planted secret is in none of them.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'spark-tuner.js');
const UNTIL = '2026-11-21T10:00:00Z';

let dir = '';
let repo = '';
let client: Client;
let stderr = '';
const answers: string[] = [];

async function start(args: string[]): Promise<{ client: Client; transport: StdioClientTransport }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], env: { PATH: process.env.PATH ?? '' }, stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const mcp = new Client({ name: 'spark-tuner-test', version: '1.0.0' });
  await mcp.connect(transport);
  return { client: mcp, transport };
}

async function call(name: string, args: Record<string, unknown>, mcp = client): Promise<CallToolResult> {
  const result = (await mcp.callTool({ name, arguments: args })) as CallToolResult;
  answers.push(JSON.stringify(result));
  return result;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-mcp-stdio-'));
  const logs = await writePlantedLogs(dir);
  repo = await copyDagRepo(ROOT, dir);
  ({ client } = await start(['--event-logs', logs, '--until', UNTIL]));
}, 60_000);

afterAll(async () => {
  await client?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('spark-tuner mcp on stdio', () => {
  it('initializes as spark-tuner and lists the five tools (with output schemas) and the prompt', async () => {
    expect(client.getServerVersion()?.name).toBe('spark-tuner');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['list_tasks', 'get_task_metrics', 'diagnose_task', 'propose_change', 'whatif']);
    for (const tool of tools) {
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    expect(tools.find((t) => t.name === 'propose_change')?.inputSchema.required).toEqual(['dag_id', 'repo_path']);
    expect(tools.find((t) => t.name === 'whatif')?.inputSchema.required).toEqual(['dag_id', 'task_id', 'executors']);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => [p.name, p.arguments?.map((a) => `${a.name}${a.required ? '' : '?'}`)])).toEqual([['spark_tuning_analysis', ['dag_id', 'task_id?']]]);
  });

  it('list_tasks: the tasks with their run counts and last status, filtered by a glob', async () => {
    const all = await call('list_tasks', {});
    const tasks = (all.structuredContent as { tasks: { dag_id: string; task_id: string; runs: number; failed: number; last_status: string }[] }).tasks;
    expect(tasks.map((t) => `${t.dag_id}.${t.task_id}`)).toEqual(['daily_sales.load_orders', 'hourly_events.aggregate', 'planted_cut_after_kill.transform', 'planted_failing.transform']);
    expect(tasks.find((t) => t.dag_id === 'planted_failing')).toMatchObject({ last_status: 'failed' });
    expect(textOf(all)).toContain('daily_sales.load_orders: 5 run(s)');
    const planted = await call('list_tasks', { dag_id_glob: 'planted_*', lookback_days: 30 });
    expect((planted.structuredContent as { tasks_total: number }).tasks_total).toBe(2);
  });

  it('get_task_metrics: the summary rows of a task, newest first, secrets redacted', async () => {
    const result = await call('get_task_metrics', { dag_id: 'planted_failing', task_id: 'transform' });
    const { rows, runs_total } = result.structuredContent as { rows: { status: string; spark_conf: Record<string, string>; failure_reason: string | null }[]; runs_total: number };
    expect(runs_total).toBe(rows.length);
    expect(rows.some((r) => r.status === 'failed')).toBe(true);
    expect(rows[0]?.spark_conf['spark.hadoop.fs.s3a.secret.key']).toBe('*********(redacted)');
    expect(rows.map((r) => r.failure_reason ?? '').join(' ')).toContain('password=*********(redacted)');
  });

  it('diagnose_task: the versioned diagnosis, held-back proposals apart from the proposed ones', async () => {
    const result = await call('diagnose_task', { dag_id: 'planted_cut_after_kill', task_id: 'transform' });
    const json = DiagnosisJsonSchema.parse(result.structuredContent);
    const [task] = json.tasks;
    expect(task?.recommendations.map((r) => `${r.key}=${r.proposed}`)).toEqual(['spark.executor.memoryOverhead=3g']);
    expect(task?.held_back.map((h) => `${h.guardrail}: ${h.key}=${h.proposed}`)).toEqual(['memory-failure: spark.executor.memory=8g']);
    expect(textOf(result)).toContain('held back spark.executor.memory=8g');
    const cost = DiagnosisJsonSchema.parse((await call('diagnose_task', { dag_id: 'daily_sales' })).structuredContent);
    expect(cost.tasks[0]?.recommendations.map((r) => `${r.key}: ${r.current} → ${r.proposed}`)).toEqual(['spark.executor.memory: 16g → 8g']);
    expect(cost.tasks[0]?.impact?.gb_hours_after).toBeLessThan(cost.tasks[0]?.impact?.gb_hours_before ?? 0);
  });

  it('propose_change: the unified diff against the local checkout, which stays untouched', async () => {
    const before = await snapshot(repo);
    const result = await call('propose_change', { dag_id: 'daily_sales', repo_path: repo });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: 'proposal', file_path: 'dags/daily_sales.py' });
    const diff = (result.structuredContent as { diff: string }).diff;
    expect(diff).toContain('-            "spark.executor.memory": "16g",  # sized for Black Friday 2025');
    expect(diff).toContain('+            "spark.executor.memory": "8g",  # sized for Black Friday 2025');
    expect(await snapshot(repo)).toEqual(before);
    const healthy = await call('propose_change', { dag_id: 'hourly_events', repo_path: repo });
    expect(healthy.structuredContent).toMatchObject({ status: 'no-change', diff: null });
    const elsewhere = await call('propose_change', { dag_id: 'planted_failing', repo_path: repo });
    expect(elsewhere.isError || (elsewhere.structuredContent as { status: string }).status !== 'proposal').toBe(true);
  });

  it('spark_tuning_analysis: the narrator’s five-section prompt with the task’s data and recommendations', async () => {
    const prompt = await client.getPrompt({ name: 'spark_tuning_analysis', arguments: { dag_id: 'daily_sales' } });
    const content = prompt.messages[0]?.content;
    const text = content?.type === 'text' ? content.text : '';
    answers.push(JSON.stringify(prompt));
    for (const section of SECTIONS) expect(text).toContain(section.title);
    expect(text).toContain('- load_orders: `spark.executor.memory` 16g → 8g (executor-memory-overprovisioned)');
    await expect(client.getPrompt({ name: 'spark_tuning_analysis', arguments: { dag_id: 'no such dag' } })).rejects.toThrow(/dag_id must be an Airflow DAG id/);
  });

  it('whatif: the predicted runtime and cost per run at another executor count, with the method named', async () => {
    const result = await call('whatif', { dag_id: 'daily_sales', task_id: 'load_orders', executors: 4 });
    expect(result.isError).toBeFalsy();
    const content = result.structuredContent as { method: string; proposal: { executors: number }; overall: { runs: number; wall_ms_after: number; wall_ms_before: number } | null };
    expect(content.proposal.executors).toBe(4);
    expect(content.method).toMatch(/^stage-timeline replay v1/);
    expect(content.overall?.runs).toBeGreaterThan(0);
    expect(content.overall?.wall_ms_after).toBeGreaterThan(content.overall?.wall_ms_before ?? Infinity);
    expect(textOf(result)).toMatch(/^daily_sales\.load_orders at 4 executors/);
  });

  it.each([
    ['get_task_metrics', {}, 'dag_id is required.'],
    ['diagnose_task', { dag_id: 'daily sales; rm -rf /' }, 'dag_id must be an Airflow DAG id: letters, digits, _ . - and at most 250 characters.'],
    ['diagnose_task', { dag_id: 'daily_sales', task_id: 'x'.repeat(251) }, 'task_id must be an Airflow task id'],
    ['list_tasks', { lookback_days: 0 }, 'lookback_days must be a whole number of days from 1 to 365.'],
    ['list_tasks', { dag_id_glob: '../etc' }, 'dag_id_glob must be a DAG id pattern'],
    ['propose_change', { dag_id: 'daily_sales' }, 'repo_path is required.'],
    ['propose_change', { dag_id: 'daily_sales', repo_path: '/no/such/checkout' }, 'repo_path /no/such/checkout is not an existing directory; give the path of a local checkout.'],
    ['diagnose_task', { dag_id: 'no_such_dag' }, 'No runs of no_such_dag started in the 14-day window ending 2026-11-21'],
    ['whatif', { dag_id: 'daily_sales', task_id: 'load_orders', executors: 0 }, 'executors must be a whole number from 1 to 10000.'],
    ['whatif', { dag_id: 'daily_sales', task_id: 'load_orders', executors: 4, cores: 2.5 }, 'cores must be a whole number from 1 to 256.'],
    ['whatif', { dag_id: 'daily_sales', task_id: 'no_such_task', executors: 4 }, 'DAG "daily_sales" has no task "no_such_task" with runs in'],
    ['whatif', { dag_id: 'no_such_dag', task_id: 'x', executors: 4 }, 'No runs of DAG "no_such_dag" in'],
    ['no_such_tool', {}, 'Tool no_such_tool not found'],
  ])('%s %j is a tool error: %s', async (name, args, message) => {
    const result = await call(name, args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
  });

  it('keeps answering after bad input, and writes only the protocol to stdout (its log goes to stderr)', async () => {
    expect((await call('list_tasks', {})).isError).toBeFalsy();
    expect(stderr).toContain('spark-tuner MCP server ready on stdio.');
  });

  it('never answers the planted secret', () => {
    expect(answers.length).toBeGreaterThan(15);
    for (const answer of answers) expect(answer).not.toContain(PLANTED);
    expect(stderr).not.toContain(PLANTED);
  });
});

describe.skipIf(!hasSharedEvents)('spark-tuner mcp on stdio over real event logs, grouped by application name', () => {
  let real: Client;
  beforeAll(async () => {
    const logs = sharedLog('kubeflow-mcp-apache-spark-history-server');
    ({ client: real } = await start(['--event-logs', logs, '--group-by', 'app-name', '--until', '2026-11-20', '--lookback-days', '5000', '--min-runs', '1']));
  }, 60_000);
  afterAll(async () => {
    await real?.close();
  });

  it('lists, reads, diagnoses and explains the applications by name', async () => {
    const listed = await call('list_tasks', {}, real);
    const tasks = (listed.structuredContent as { tasks: { dag_id: string; task_id: string; runs: number }[] }).tasks;
    expect(tasks.map((t) => `${t.dag_id}.${t.task_id}:${t.runs}`)).toEqual(['NewYorkTaxiData_*.app:2', 'PythonPi.app:2']);
    const metrics = await call('get_task_metrics', { dag_id: 'NewYorkTaxiData_*', task_id: 'app' }, real);
    const rows = (metrics.structuredContent as { rows: { app_name: string; executor_peak_jvm_heap_bytes: number | null }[] }).rows;
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.app_name.startsWith('NewYorkTaxiData_'))).toBe(true);
    const diagnosis = DiagnosisJsonSchema.parse((await call('diagnose_task', { dag_id: 'NewYorkTaxiData_*' }, real)).structuredContent);
    expect(diagnosis.tasks.map((t) => [t.dag_id, t.runs_in_window, t.findings.length])).toEqual([['NewYorkTaxiData_*', 2, 0]]);
    const prompt = await real.getPrompt({ name: 'spark_tuning_analysis', arguments: { dag_id: 'PythonPi' } });
    expect(JSON.stringify(prompt)).toContain('PythonPi');
    const bad = await call('diagnose_task', { dag_id: 'line\nbreak' }, real);
    expect(textOf(bad)).toContain('dag_id must be an application name as list_tasks shows it');
  });
});


describe('spark-tuner mcp stdout', () => {
  it('carries only JSON-RPC messages, and the server exits 0 when the client closes stdin', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'mcp', '--event-logs', path.join(dir, 'logs'), '--until', UNTIL], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const send = (message: object): boolean => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: { name: 'list_tasks', arguments: {} } });
    for (let i = 0; i < 100 && !out.includes('"id":2'); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    child.stdin.end();
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { jsonrpc: string; id: number }).id)).toEqual([1, 2]);
    expect(lines.every((line) => line.startsWith('{"') && line.includes('"jsonrpc":"2.0"'))).toBe(true);
  });
});
