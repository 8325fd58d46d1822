import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IgnoreEntry } from '../../src/dashboard/ignore-entry.js';
import { renderDashboard } from '../../src/dashboard/render-dashboard.js';
import { emptyDashboard } from '../../src/dashboard/types.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { PRIVATE_KEY } from '../publish/github/support/github-mock.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-stand-in.js';

/**
 * The sweep as real processes against a local GitHub stand-in (GHE_HOST/GHE_PROTOCOL): `npx spark-tuner sweep`
 * with the real planner on generated event logs, and `npm start` (`probot run ./lib/app.js`) with SCHEDULE.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/dag-repo');
const BIN = path.join(ROOT, 'bin/spark-tuner.js');
const EXAMPLE_FILES = Object.fromEntries(
  ['dags/daily_sales.py', 'dags/hourly_events.py', '.github/spark-tuner.yml'].map((file) => [file, readFileSync(path.join(EXAMPLE, file), 'utf8')]),
);
const NOW = new Date();

let logs = '';
let github: GitHubStandIn | null = null;
let child: ChildProcess | null = null;

beforeAll(async () => {
  logs = await mkdtemp(path.join(tmpdir(), 'spark-tuner-sweep-e2e-'));
  await generateScenario('overprovisioned-memory', { outDir: logs, now: NOW });
});

afterEach(async () => {
  child?.kill();
  child = null;
  await github?.close();
  github = null;
});

function installations() {
  return [
    { id: 7, account: 'acme', repos: [{ name: 'pipelines', files: EXAMPLE_FILES }, { name: 'website', files: { 'index.html': '<p>hi</p>' } }] },
  ];
}

function env(stand: GitHubStandIn, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ID: '123',
    PRIVATE_KEY,
    WEBHOOK_SECRET: 'secret',
    GHE_HOST: stand.host,
    GHE_PROTOCOL: 'http',
    METRICS_SOURCE: 'eventlogs',
    EVENT_LOG_DIR: logs,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

function run(command: string, args: string[], environment: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(command, args, { cwd: ROOT, env: environment });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** A dashboard body with one ignore entry, written as the app writes it (the real renderer, from lib/). */
function ignoredBody(_body: string, entry: IgnoreEntry): string {
  return renderDashboard(emptyDashboard(), [entry]);
}

// Real processes: generous timeouts for a loaded machine (timings are never asserted).
describe('e2e: npx spark-tuner sweep', { timeout: 90_000 }, () => {
  it('opens the pull request the evidence calls for, prints what it did, and exits 0', async () => {
    github = await startGitHubStandIn({ installations: installations() });
    const result = await run('npx', ['spark-tuner', 'sweep'], env(github));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^spark-tuner sweep: 1 installation\(s\), 2 repositories, 1 opted in; pull requests: 1 opened/);
    expect(result.stdout).toMatch(/acme\/pipelines: 2 DAG\(s\), 1 with runs\.\n {2}opened #1 daily_sales: Tune daily_sales\.\w+: spark\.executor\.memory/);
    const [pr] = github.pulls('acme/pipelines');
    expect(pr?.head.ref).toBe('spark-tuner/daily_sales');
    expect(pr?.body).toContain('<!-- spark-tuner:fingerprint=');

    const again = await run(process.execPath, [BIN, 'sweep'], env(github));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged #1 daily_sales/);
    expect(github.pulls('acme/pipelines')).toHaveLength(1);

    // The dashboard issue: created by the first sweep, listing the open PR; the second sweep leaves it as it is.
    const dashboards = github.issues('acme/pipelines');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.title).toBe('Spark tuning dashboard');
    expect(dashboards[0]?.body).toContain('#1');
    expect(github.calls.filter((call) => call.method === 'PATCH' && call.path.startsWith('/repos/acme/pipelines/issues/'))).toHaveLength(0);
    expect(github.issues('acme/website')).toHaveLength(0);
  });

  it('skips a proposal ignored on the dashboard, and says so', async () => {
    github = await startGitHubStandIn({ installations: installations() });
    await run(process.execPath, [BIN, 'sweep'], env(github));
    const [dashboard] = github.issues('acme/pipelines');
    const [pr] = github.pulls('acme/pipelines');
    expect(dashboard && pr).toBeTruthy();
    // A person closes the PR unmerged; the ignore is recorded on the dashboard with `/spark-tune ignore` semantics.
    if (pr) pr.state = 'closed';
    const marker = { target: 'daily_sales', fingerprint: null, summary: '', source: '/spark-tune ignore by @octocat' };
    if (dashboard) dashboard.body = ignoredBody(dashboard.body, marker);
    const result = await run(process.execPath, [BIN, 'sweep'], env(github));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ignored.*daily_sales/i);
    expect(github.pulls('acme/pipelines')).toHaveLength(1);
  });

  it('exits 1 with one sentence when GitHub refuses the app credentials', async () => {
    github = await startGitHubStandIn({ installations: installations() });
    github.fail('GET', /^\/app\/installations$/, 401, { message: 'A JSON web token could not be decoded' });
    const result = await run(process.execPath, [BIN, 'sweep'], env(github));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "spark-tuner sweep: nothing was swept: the app's installations could not be listed: GitHub refused the app's credentials (HTTP 401: A JSON web token could not be decoded).\n",
    );
  });
});

describe('e2e: npm start with SCHEDULE', { timeout: 90_000 }, () => {
  it('sweeps every second in the server process and never opens the same pull request twice', async () => {
    github = await startGitHubStandIn({ installations: installations() });
    const port = await freePort();
    const environment = env(github, { SCHEDULE: '* * * * * *', PORT: String(port), HOST: '127.0.0.1' });
    child = spawn(process.execPath, [path.join(ROOT, 'node_modules/probot/bin/probot.js'), 'run', './lib/app.js'], { cwd: ROOT, env: environment, stdio: 'ignore' });
    const stand = github;
    await until(() => stand.pulls('acme/pipelines')[0], 'the pull request');
    const sweepsBefore = stand.calls.filter((call) => call.path === '/repos/acme/pipelines/branches/main').length;
    await until(() => (stand.calls.filter((call) => call.path === '/repos/acme/pipelines/branches/main').length >= sweepsBefore + 3 ? true : undefined), 'three more sweeps');
    expect(stand.pulls('acme/pipelines')).toHaveLength(1);
    expect(stand.issues('acme/pipelines')).toHaveLength(1);
    // A sweep of the unchanged repository (one open PR, the dashboard up to date): at most 3 GitHub calls, no writes.
    const repoCalls = stand.calls.filter((call) => call.path.startsWith('/repos/acme/pipelines/'));
    const starts = repoCalls.flatMap((call, index) => (call.path === '/repos/acme/pipelines/branches/main' ? [index] : []));
    const [from, to] = starts.slice(-3, -1);
    const oneSweep = repoCalls.slice(from, to);
    expect(oneSweep.length).toBeLessThanOrEqual(3);
    expect(oneSweep.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('says in one sentence that an invalid SCHEDULE is not a cron expression, and keeps serving', async () => {
    github = await startGitHubStandIn({ installations: installations() });
    const port = await freePort();
    const environment = env(github, { SCHEDULE: 'every morning', PORT: String(port), HOST: '127.0.0.1', LOG_FORMAT: 'json' });
    child = spawn(process.execPath, [path.join(ROOT, 'node_modules/probot/bin/probot.js'), 'run', './lib/app.js'], { cwd: ROOT, env: environment });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => (output.includes('is not a cron expression') ? true : undefined), 'the schedule error');
    expect(output).toContain('SCHEDULE=\\"every morning\\" is not a cron expression');
    let pong = '';
    for (let attempt = 0; attempt < 100 && pong === ''; attempt += 1) {
      pong = await fetch(`http://127.0.0.1:${port}/ping`).then((response) => response.text(), () => '');
      if (pong === '') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pong).toBe('PONG');
  });
});
