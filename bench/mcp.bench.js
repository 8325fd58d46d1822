// `npm run bench mcp`: the MCP server as an assistant uses it — the built CLI on stdio, driven by the SDK's client.
// Measures the start (spawn + initialize), the first call (which summarizes the event logs), warm calls of each tool
// (whatif included) and the prompt (median of 5), and the size of each answer (what lands in the assistant's context). Histories:
// every generated scenario (bench/out/mcp-logs, seeded), and the real logs of ../shared/spark-events grouped by name.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { generateScenario, scenarios } from '../lib/generator/scenarios.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'spark-tuner.js');
const LOGS = path.join(ROOT, 'bench', 'out', 'mcp-logs');
const REAL = process.env.SPARK_EVENTS_DIR ?? path.resolve(ROOT, '../shared/spark-events');
const NOW = new Date('2026-11-21T09:30:00Z');
const ROUNDS = 5;

async function generate() {
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  let files = 0;
  for (const name of Object.keys(scenarios).filter((n) => n !== 'large')) files += (await generateScenario(name, { outDir: LOGS, now: NOW })).length;
  return files;
}

async function session(label, args, calls) {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], env: { PATH: process.env.PATH ?? '' }, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  console.log(`${label}: start + initialize                 ${ms(performance.now() - started)}`);
  const first = performance.now();
  await client.callTool({ name: 'list_tasks', arguments: {} });
  console.log(`${label}: first list_tasks (summarizes the logs) ${ms(performance.now() - first)}`);
  for (const [name, run] of calls) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      const t = performance.now();
      const answer = await run(client);
      times.push(performance.now() - t);
      bytes = JSON.stringify(answer).length;
      if (answer.isError) throw new Error(`${name} failed: ${JSON.stringify(answer.content)}`);
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: ${name.padEnd(40)} median ${ms(times[Math.floor(ROUNDS / 2)])}, answer ${fmt(bytes / 1024, 1)} KiB`);
  }
  await client.close();
}

const tool = (name, args) => (client) => client.callTool({ name, arguments: args });

const files = await generate();
console.log(`generated: ${files} event logs of ${Object.keys(scenarios).length - 1} scenarios in ${path.relative(ROOT, LOGS)}`);
await session('generated', ['--event-logs', LOGS, '--until', '2026-11-21T10:00:00Z'], [
  ['list_tasks', tool('list_tasks', {})],
  ['get_task_metrics daily_sales', tool('get_task_metrics', { dag_id: 'daily_sales' })],
  ['diagnose_task daily_sales', tool('diagnose_task', { dag_id: 'daily_sales' })],
  ['whatif daily_sales.load_orders at 4 executors', tool('whatif', { dag_id: 'daily_sales', task_id: 'load_orders', executors: 4 })],
  ['propose_change daily_sales (examples/dag-repo)', tool('propose_change', { dag_id: 'daily_sales', repo_path: path.join(ROOT, 'examples', 'dag-repo') })],
  ['prompt spark_tuning_analysis daily_sales', (client) => client.getPrompt({ name: 'spark_tuning_analysis', arguments: { dag_id: 'daily_sales' } })],
]);
if (existsSync(REAL)) {
  await session('real logs', ['--event-logs', path.join(REAL, 'logs'), '--group-by', 'app-name', '--until', '2026-11-20', '--lookback-days', '5000', '--min-runs', '1'], [
    ['list_tasks', tool('list_tasks', {})],
    ['get_task_metrics ProcessLargeDataset', tool('get_task_metrics', { dag_id: 'ProcessLargeDataset' })],
    ['diagnose_task ProcessLargeDataset', tool('diagnose_task', { dag_id: 'ProcessLargeDataset' })],
    ['whatif ProcessLargeDataset at 2 executors', tool('whatif', { dag_id: 'ProcessLargeDataset', task_id: 'app', executors: 2 })],
  ]);
} else {
  console.log(`real logs: skipped (${REAL} does not exist)`);
}

function ms(value) {
  return `${fmt(value, 0).padStart(6)} ms`;
}

function fmt(value, digits) {
  return value.toFixed(digits);
}
