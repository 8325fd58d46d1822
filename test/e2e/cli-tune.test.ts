import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { git } from '../../src/publish/local/run-git.js';
import { PERSON } from '../support/temp-git-repo.js';

/** `spark-tuner tune` on generated logs and a git copy of examples/dag-repo: what the demo does. */
const NOW = new Date('2026-11-20T12:00:00Z');
const ROOT = path.resolve(import.meta.dirname, '../..');

let logs = '';

async function exampleRepo(): Promise<string> {
  const repo = await mkdtemp(path.join(tmpdir(), 'spark-tuner-cli-repo-'));
  await cp(path.join(ROOT, 'examples/dag-repo'), repo, { recursive: true });
  await git(['init', '--quiet', '--initial-branch=main'], { cwd: repo });
  await git(['add', '-A'], { cwd: repo });
  await git(['commit', '--quiet', '-m', 'DAGs'], { cwd: repo, env: PERSON });
  return repo;
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('e2e: spark-tuner tune', () => {
  beforeAll(async () => {
    logs = await mkdtemp(path.join(tmpdir(), 'spark-tuner-cli-logs-'));
    await generateScenario('overprovisioned-memory', { outDir: logs, now: NOW });
    await generateScenario('healthy', { outDir: logs, now: NOW });
  });

  it('commits 16g → 8g on spark-tuner/daily_sales, prints the PR body, and leaves the rest alone', async () => {
    const repo = await exampleRepo();
    const result = await run('tune', '--event-logs', logs, '--repo', repo, '--until', NOW.toISOString());

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# Tune daily_sales.load_orders: spark.executor.memory 16g → 8g');
    expect(result.stdout).toContain('### Resource recommendations');
    expect(result.stderr).toMatch(/daily_sales: Committed branch spark-tuner\/daily_sales at [0-9a-f]{12}/);
    expect(result.stderr).toContain('hourly_events: No change proposed for hourly_events');
    const diff = await git(['diff', '--unified=0', 'main', 'spark-tuner/daily_sales'], { cwd: repo });
    expect(diff.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual([
      '-            "spark.executor.memory": "16g",  # sized for Black Friday 2025',
      '+            "spark.executor.memory": "8g",  # sized for Black Friday 2025',
    ]);
    expect(await git(['branch', '--list', 'spark-tuner/*'], { cwd: repo })).toBe('spark-tuner/daily_sales');
    expect(await git(['status', '--porcelain'], { cwd: repo })).toBe('');
    const saved = await readFile(path.join(repo, '.git/spark-tuner/daily_sales.md'), 'utf8');
    expect(saved).toContain('<!-- spark-tuner:fingerprint=');

    const again = await run('tune', '--event-logs', logs, '--repo', repo, '--until', NOW.toISOString(), '--dag', 'daily_sales');
    expect(again.stderr).toMatch(/daily_sales: Already up to date: branch spark-tuner\/daily_sales/);
  });

  it('--dry-run prints the body and the diff and changes nothing', async () => {
    const repo = await exampleRepo();
    const result = await run('tune', '--event-logs', logs, '--repo', repo, '--dag', 'daily_sales', '--dry-run', '--until', NOW.toISOString());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+            "spark.executor.memory": "8g",  # sized for Black Friday 2025');
    expect(result.stdout).toContain('--- a/dags/daily_sales.py');
    expect(await git(['branch', '--list', 'spark-tuner/*'], { cwd: repo })).toBe('');
  });

  it('says plainly when a DAG has no runs, or the window holds none', async () => {
    const repo = await exampleRepo();
    const missing = await run('tune', '--event-logs', logs, '--repo', repo, '--dag', 'nightly_orders', '--until', NOW.toISOString());
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('nightly_orders: No runs of nightly_orders were found in Spark event logs.');
    const later = await run('tune', '--event-logs', logs, '--repo', repo, '--dag', 'daily_sales', '--until', '2027-01-31');
    expect(later.code).toBe(0);
    expect(later.stderr).toMatch(/No run of daily_sales.load_orders started in the 14-day window ending 2027-01-31/);
  });

  it('rejects bad arguments with exit 2 and a usage line', async () => {
    const result = await run('tune', '--event-logs', logs);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spark-tuner tune: --repo is required\. Usage: spark-tuner tune/);
    expect((await run('tune', '--event-logs', logs, '--repo', tmpdir())).stderr).toMatch(/is not a git repository/);
  });

  it('runs as the installed `spark-tuner` command (the built bin)', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/spark-tuner.js'), '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^spark-tuner \d+\.\d+\.\d+: tunes the Spark configuration/);
    expect(result.stdout).toContain('tune (--event-logs <dir|s3://…> | --metrics athena) --repo <git dir>');
  });
});
