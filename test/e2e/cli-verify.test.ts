import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { VERIFY_RUNS_BEFORE, verifyMergeTime } from '../../src/generator/verify-scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import { git } from '../../src/publish/local/run-git.js';
import { PERSON, tempGitRepo } from '../support/temp-git-repo.js';

/** `spark-tuner tune`, a person merges the branch, the runs after it carry 8g: `spark-tuner verify` and `report --savings`. */
const NOW = new Date('2026-11-21T09:30:00Z');

const DAG = `from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(dag_id="verify_held", schedule="0 2 * * *") as dag:
    transform = SparkSubmitOperator(
        task_id="transform",
        application="s3://jobs/transform.py",
        conf={
            "spark.executor.memory": "16g",
            "spark.executor.cores": "4",
        },
    )
`;

let logs = '';
let mergedAt = 0;
const dirs: string[] = [];

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A repository where spark-tuner's branch was tuned on the runs before the merge point and merged at it. */
async function mergedRepo(): Promise<string> {
  const repo = await tempGitRepo({ 'dags/verify_held.py': DAG });
  dirs.push(repo);
  const tuned = await run('tune', '--event-logs', logs, '--repo', repo, '--until', new Date(mergedAt).toISOString());
  expect(tuned.stdout).toContain('# Tune verify_held.transform: spark.executor.memory 16g → 8g');
  const date = `${Math.floor(mergedAt / 1000)} +0000`;
  await git(['merge', '--no-ff', '--quiet', '-m', 'Merge spark-tuner/verify_held', 'spark-tuner/verify_held'], {
    cwd: repo,
    env: { ...PERSON, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
  });
  return repo;
}

beforeAll(async () => {
  logs = await mkdtemp(path.join(tmpdir(), 'spark-tuner-verify-logs-'));
  dirs.push(logs);
  const files = await generateScenario('verify-held', { outDir: logs, now: NOW });
  const { summaries } = await summarizeEventLogs(files);
  const starts = summaries.map((s) => s.start_time ?? 0).sort((a, b) => a - b);
  mergedAt = verifyMergeTime(starts[VERIFY_RUNS_BEFORE] ?? 0);
}, 60_000);

/** The local commands verify what was merged in the last `verify.window_days` before now: now is the logs' NOW. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

async function writeConfig(repo: string, text: string): Promise<void> {
  await mkdir(path.join(repo, '.github'), { recursive: true });
  await writeFile(path.join(repo, '.github', 'spark-tuner.yml'), text);
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('e2e: spark-tuner verify and report --savings', () => {
  it('verify: the merged 16g → 8g held, with the before/after table', async () => {
    const repo = await mergedRepo();
    const result = await run('verify', '--event-logs', logs, '--repo', repo);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('### verify_held.transform: verified');
    expect(result.stdout).toContain('`spark.executor.memory` `16g` → `8g`');
    expect(result.stdout).toMatch(/Verified over 5 runs: median duration [\d.]+m → [\d.]+m \([+-]\d+%, limit \+20%\)/);
    expect(result.stdout).toContain('| Runs (successful) | 5 (5) | 5 (5) |');

    const json = await run('verify', '--event-logs', logs, '--repo', repo, '--json', '--dag', 'verify_held');
    expect(JSON.parse(json.stdout)).toMatchObject([{ dag_id: 'verify_held', task_id: 'transform', status: 'verified' }]);
    const other = await run('verify', '--event-logs', logs, '--repo', repo, '--json', '--dag', 'nightly');
    expect(JSON.parse(other.stdout)).toEqual([]);
    // the options override the repository's verify: settings: with 6 runs needed, 5 are not enough
    const strict = await run('verify', '--event-logs', logs, '--repo', repo, '--json', '--max-slowdown', '0', '--min-runs', '6');
    expect(JSON.parse(strict.stdout)).toMatchObject([{ status: 'not-enough-runs' }]);
  });

  it('report --savings: GB-hours, core-hours and $ per month of the verified change', async () => {
    const repo = await mergedRepo();
    const result = await run('report', '--savings', '--event-logs', logs, '--repo', repo, '--json');
    expect(result.code).toBe(0);
    const total = JSON.parse(result.stdout);
    expect(total.savings).toHaveLength(1);
    // 6 executors × 4 cores for about 8 minutes, 16g + overhead → 8g + overhead, once a day
    expect(total.gb_hours_per_month).toBeGreaterThan(50);
    expect(Math.abs(total.core_hours_per_month)).toBeLessThan(5); // same cores: only run-to-run noise
    expect(total.usd_per_month).toBeGreaterThan(0);
    const table = await run('report', '--savings', '--event-logs', logs, '--repo', repo);
    expect(table.stdout).toContain('| verify_held.transform | 1.0 |');
  });

  it('before the merge there is nothing to verify; an old commit without recorded values is skipped with a note', async () => {
    const repo = await tempGitRepo({ 'dags/verify_held.py': DAG });
    dirs.push(repo);
    const none = await run('verify', '--event-logs', logs, '--repo', repo);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toContain('No spark-tuner proposal with recorded values is merged into the current branch');
    await git(['commit', '--allow-empty', '--quiet', '-m', 'Tune verify_held\n\nSpark-Tuner-Fingerprint: 0123456789abcdef'], { cwd: repo, env: PERSON });
    const old = await run('verify', '--event-logs', logs, '--repo', repo);
    expect(old.stderr).toMatch(/skipped: [0-9a-f]{12}: proposal 0123456789abcdef predates recorded values/);
  });

  it('verifies only what was merged within verify.window_days', async () => {
    const repo = await mergedRepo();
    const days = Math.ceil((NOW.getTime() - mergedAt) / 86_400_000);
    await writeConfig(repo, `verify:\n  window_days: ${days}\n`);
    expect(JSON.parse((await run('verify', '--event-logs', logs, '--repo', repo, '--json')).stdout)).toMatchObject([{ status: 'verified' }]);

    await writeConfig(repo, `verify:\n  window_days: ${days - 1}\n`);
    const outside = await run('verify', '--event-logs', logs, '--repo', repo);
    expect(outside).toMatchObject({ code: 0, stdout: '' });
    expect(outside.stderr).toBe(
      `skipped: 1 proposal(s) merged before the ${days - 1}-day window (verify.window_days in .github/spark-tuner.yml).\n` +
        'No spark-tuner proposal with recorded values is merged into the current branch within verify.window_days; nothing to verify.\n',
    );
    const savings = await run('report', '--savings', '--event-logs', logs, '--repo', repo, '--json');
    expect(JSON.parse(savings.stdout).savings).toEqual([]);
  });

  it('with verify.enabled: false, says so in one line and exits 0', async () => {
    const repo = await mergedRepo();
    await writeConfig(repo, 'verify:\n  enabled: false\n');
    const line = 'verify.enabled is false in .github/spark-tuner.yml; nothing was verified.\n';
    expect(await run('verify', '--event-logs', logs, '--repo', repo)).toEqual({ code: 0, stdout: '', stderr: line });
    expect(await run('report', '--savings', '--event-logs', logs, '--repo', repo, '--json')).toEqual({ code: 0, stdout: '', stderr: line });
  });

  it('bad input exits 2 with one sentence', async () => {
    expect(await run('verify', '--event-logs', logs)).toMatchObject({ code: 2 });
    expect((await run('verify', '--metrics', 'hive', '--repo', logs)).stderr).toContain('--metrics must be athena, not "hive"');
    expect((await run('verify', '--metrics', 'athena', '--event-logs', logs, '--repo', logs)).stderr).toContain('not both');
    expect((await run('verify', '--event-logs', logs, '--repo', logs)).stderr).toContain('is not a git repository');
    expect(await run('report', '--event-logs', logs, '--repo', logs)).toMatchObject({ code: 2 });
    expect((await run('verify', '--event-logs', logs, '--repo', logs, '--max-slowdown', 'x')).code).toBe(2);
  });
});
