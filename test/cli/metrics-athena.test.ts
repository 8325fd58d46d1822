import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import { git } from '../../src/publish/local/run-git.js';
import { stubAwsEnv } from '../metrics/athena/support/aws-env.js';
import { startFakeAthena, type FakeAthena } from '../metrics/athena/support/fake-athena.js';
import { PERSON } from '../support/temp-git-repo.js';

/** `diagnose` and `tune` with `--metrics athena`: the ATHENA_* settings, one query, the bytes it scanned. */
const NOW = new Date('2026-11-20T12:00:00Z');
const ROOT = path.resolve(import.meta.dirname, '../..');
let athena: FakeAthena;
let logs = '';

beforeAll(async () => {
  athena = await startFakeAthena();
  logs = await mkdtemp(path.join(tmpdir(), 'spark-tuner-cli-athena-'));
  await generateScenario('overprovisioned-memory', { outDir: logs, now: NOW });
  await generateScenario('healthy', { outDir: logs, now: NOW });
}, 60_000);
afterAll(async () => {
  await athena.close();
  if (logs) await rm(logs, { recursive: true, force: true });
});
beforeEach(async () => {
  athena.reset();
  athena.configure({ table: (await summarizeEventLogs([logs])).summaries, bytes_scanned: 3_145_728 });
  stubAwsEnv(athena.url);
  vi.stubEnv('ATHENA_DATABASE', 'spark_metrics');
  vi.stubEnv('ATHENA_TABLE', 'application_summaries');
  vi.stubEnv('ATHENA_WORKGROUP', 'primary');
  vi.stubEnv('ATHENA_OUTPUT_LOCATION', '');
});
afterEach(() => vi.unstubAllEnvs());

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const UNTIL = ['--until', NOW.toISOString()];

describe('spark-tuner diagnose --metrics athena', () => {
  it('gives the report the event logs give, from one query, and prints the bytes scanned', async () => {
    const table = await run('diagnose', '--metrics', 'athena', '--dag', 'daily_sales', ...UNTIL);
    const files = await run('diagnose', '--event-logs', logs, '--dag', 'daily_sales', ...UNTIL);

    expect(table.code).toBe(0);
    expect(table.stdout).toContain('spark.executor.memory: 16g → 8g');
    expect(table.stdout.replaceAll('from athena', 'from eventlogs')).toBe(files.stdout);
    expect(table.stdout).toContain('from athena');
    expect(table.stderr).toBe(
      'athena: query q-1 returned 5 row(s) and scanned 3.0 MiB (3145728 bytes).\nathena: 1 query scanned 3.0 MiB (3145728 bytes) in total.\n',
    );
    const start = athena.calls.filter((call) => call.target === 'StartQueryExecution');
    expect(start).toHaveLength(1);
    expect(start[0]?.body.ExecutionParameters).toEqual(["'2026-11-06 12:00:00.000'", "'2026-11-20 12:00:00.000'", "'daily_sales'"]);
    expect(start[0]?.body.WorkGroup).toBe('primary');
  });

  it('says what is missing, in one sentence, with exit 2', async () => {
    vi.stubEnv('ATHENA_TABLE', '');
    const result = await run('diagnose', '--metrics', 'athena');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'spark-tuner diagnose: --metrics athena: METRICS_SOURCE=athena needs ATHENA_TABLE, the Iceberg table of application summaries.\n',
    });
  });

  it('refuses a bad table name and an unknown source with exit 2', async () => {
    vi.stubEnv('ATHENA_TABLE', 'summaries;');
    expect((await run('diagnose', '--metrics', 'athena')).stderr).toBe(
      'spark-tuner diagnose: --metrics athena: ATHENA_TABLE must be a table name (letters, digits, _), not "summaries;".\n',
    );
    expect((await run('diagnose', '--metrics', 'hive')).code).toBe(2);
    expect(athena.calls).toEqual([]);
  });

  it('takes --event-logs or --metrics athena, not both', async () => {
    const result = await run('diagnose', '--metrics', 'athena', '--event-logs', logs);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spark-tuner diagnose: Give --event-logs <dir> or --metrics athena, not both\./);
  });

  it("refuses a hostile DAG id before any call to Athena", async () => {
    const result = await run('diagnose', '--metrics', 'athena', '--dag', "x' OR '1'='1");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`"x' OR '1'='1" is not a valid Airflow id`);
    expect(athena.calls).toEqual([]);
  });

  it("fails with Athena's reason in one sentence when the query fails", async () => {
    athena.configure({ final_state: 'FAILED', state_change_reason: 'HIVE_BAD_DATA: Error parsing field value' });
    const result = await run('diagnose', '--metrics', 'athena', '--dag', 'daily_sales', ...UNTIL);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'athena: 0 queries scanned 0 bytes in total.\nspark-tuner diagnose failed: The Athena query q-1 failed: HIVE_BAD_DATA: Error parsing field value.\n',
    );
  });
});

describe('spark-tuner tune --metrics athena', () => {
  it('asks once for the DAG ids the repository defines, and commits the same change as from event logs', async () => {
    const repo = await mkdtemp(path.join(tmpdir(), 'spark-tuner-cli-athena-repo-'));
    await cp(path.join(ROOT, 'examples/dag-repo'), repo, { recursive: true });
    await git(['init', '--quiet', '--initial-branch=main'], { cwd: repo });
    await git(['add', '-A'], { cwd: repo });
    await git(['commit', '--quiet', '-m', 'DAGs'], { cwd: repo, env: PERSON });

    const result = await run('tune', '--metrics', 'athena', '--repo', repo, ...UNTIL);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# Tune daily_sales.load_orders: spark.executor.memory 16g → 8g');
    expect(result.stdout).toContain('the Athena summary table');
    expect(result.stderr).toMatch(/daily_sales: Committed branch spark-tuner\/daily_sales/);
    expect(result.stderr).toMatch(/athena: 1 query scanned 3\.0 MiB \(3145728 bytes\) in total\.\n$/);
    const start = athena.calls.filter((call) => call.target === 'StartQueryExecution');
    expect(start).toHaveLength(1);
    expect(String(start[0]?.body.QueryString)).toContain('"dag_id" IN (?, ?)');
    expect((start[0]?.body.ExecutionParameters as string[]).slice(2)).toEqual(["'daily_sales'", "'hourly_events'"]);
    const diff = await git(['diff', '--unified=0', 'main', 'spark-tuner/daily_sales'], { cwd: repo });
    expect(diff).toContain('+            "spark.executor.memory": "8g",  # sized for Black Friday 2025');
    await rm(repo, { recursive: true, force: true });
  });
});

describe('spark-tuner whatif --metrics athena', () => {
  it('predicts from the stage profiles in the table what it predicts from the event logs, with one query', async () => {
    const args = ['--dag', 'daily_sales', '--task', 'load_orders', '--executors', '3', ...UNTIL];
    const table = await run('whatif', '--metrics', 'athena', ...args);
    const files = await run('whatif', '--event-logs', logs, ...args);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(files.stdout);
    expect(table.stdout).toMatch(/^mean of 5 runs +\d+ min → \d+ h \d+ min/m);
    expect(athena.calls.filter((call) => call.target === 'StartQueryExecution')).toHaveLength(1);
  });
});
