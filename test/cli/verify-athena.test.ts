import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { VERIFY_RUNS_BEFORE, verifyMergeTime } from '../../src/generator/verify-scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { git } from '../../src/publish/local/run-git.js';
import { stubAwsEnv } from '../metrics/athena/support/aws-env.js';
import { startFakeAthena, type FakeAthena } from '../metrics/athena/support/fake-athena.js';
import { PERSON, tempGitRepo } from '../support/temp-git-repo.js';

/** `verify` and `report --savings` with `--metrics athena`: the same tables as from event logs, from one query. */
const NOW = new Date('2026-11-21T09:30:00Z');
const DAG = `from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(dag_id="verify_held", schedule="0 2 * * *") as dag:
    SparkSubmitOperator(task_id="transform", application="s3://jobs/transform.py", conf={"spark.executor.memory": "16g"})
`;
let athena: FakeAthena;
let logs = '';
let repo = '';
let table: ApplicationSummary[] = [];

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  athena = await startFakeAthena();
  logs = await mkdtemp(path.join(tmpdir(), 'spark-tuner-verify-athena-'));
  table = (await summarizeEventLogs(await generateScenario('verify-held', { outDir: logs, now: NOW }))).summaries;
  const starts = table.map((s) => s.start_time ?? 0).sort((a, b) => a - b);
  const mergedAt = verifyMergeTime(starts[VERIFY_RUNS_BEFORE] ?? 0);
  repo = await tempGitRepo({ 'dags/verify_held.py': DAG });
  const tuned = await run('tune', '--event-logs', logs, '--repo', repo, '--until', new Date(mergedAt).toISOString());
  expect(tuned.code).toBe(0);
  const date = `${Math.floor(mergedAt / 1000)} +0000`;
  await git(['merge', '--no-ff', '--quiet', '-m', 'Merge', 'spark-tuner/verify_held'], { cwd: repo, env: { ...PERSON, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } });
}, 60_000);
afterAll(async () => {
  await athena.close();
  await Promise.all([logs, repo].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});
beforeEach(() => {
  athena.reset();
  athena.configure({ table, bytes_scanned: 2048 });
  stubAwsEnv(athena.url);
  vi.stubEnv('ATHENA_DATABASE', 'spark_metrics');
  vi.stubEnv('ATHENA_TABLE', 'application_summaries');
  vi.stubEnv('ATHENA_WORKGROUP', 'primary');
  vi.stubEnv('ATHENA_OUTPUT_LOCATION', '');
  vi.useFakeTimers({ toFake: ['Date'], now: NOW }); // merged within verify.window_days of the logs' NOW
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('spark-tuner verify and report --savings with --metrics athena', () => {
  it('verify: the table the event logs give, from one query for the merged DAG since its evidence', async () => {
    const fromTable = await run('verify', '--metrics', 'athena', '--repo', repo);
    const fromLogs = await run('verify', '--event-logs', logs, '--repo', repo);

    expect(fromTable.code).toBe(0);
    expect(fromTable.stdout).toContain('### verify_held.transform: verified');
    expect(fromTable.stdout).toBe(fromLogs.stdout);
    expect(fromTable.stderr).toMatch(/athena: 1 query scanned 2\.0 KiB \(2048 bytes\) in total\.\n$/);
    const start = athena.calls.filter((call) => call.target === 'StartQueryExecution');
    expect(start).toHaveLength(1);
    expect((start[0]?.body.ExecutionParameters as string[]).at(-1)).toBe("'verify_held'");
  });

  it('report --savings: the same GB-hours, core-hours and $ per month', async () => {
    const fromTable = await run('report', '--savings', '--metrics', 'athena', '--repo', repo, '--json');
    const fromLogs = await run('report', '--savings', '--event-logs', logs, '--repo', repo, '--json');

    expect(fromTable.code).toBe(0);
    expect(JSON.parse(fromTable.stdout)).toEqual(JSON.parse(fromLogs.stdout));
    expect(JSON.parse(fromTable.stdout).gb_hours_per_month).toBeGreaterThan(50);
  });

  it('says what is missing in one sentence (exit 2), and queries nothing when no tuning is merged', async () => {
    vi.stubEnv('ATHENA_TABLE', '');
    expect((await run('verify', '--metrics', 'athena', '--repo', repo)).code).toBe(2);
    vi.stubEnv('ATHENA_TABLE', 'application_summaries');
    const empty = await tempGitRepo({ 'dags/verify_held.py': DAG });
    const none = await run('verify', '--metrics', 'athena', '--repo', empty);
    expect(none.code).toBe(0);
    expect(athena.calls).toEqual([]);
    await rm(empty, { recursive: true, force: true });
  });
});
