import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { startFakeBedrock, type FakeBedrock } from '../support/fake-bedrock.js';
import { tempGitRepo } from '../support/temp-git-repo.js';

/** `diagnose` and `tune` with `--narrator`: the deterministic default, Bedrock through the SDK's endpoint variable. */
const NOW = '2026-11-20T12:00:00Z';
const MODEL = 'amazon.nova-pro-v1:0';
const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/dag-repo');
let dir = '';
let fake: FakeBedrock;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-narrator-cli-'));
  await generateScenario('overprovisioned-memory', { outDir: path.join(dir, 'logs'), now: new Date(NOW) });
  fake = await startFakeBedrock();
}, 30_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  vi.unstubAllEnvs();
  fake.setFallback({ kind: 'answer' });
  vi.stubEnv('BEDROCK_CACHE_DIR', path.join(dir, `cache-${Math.random()}`));
});

function useFakeBedrock(): void {
  vi.stubEnv('BEDROCK_MODEL_ID', MODEL);
  vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', fake.url);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKEFAKEFAKE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret-access-key');
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const logs = (): string => path.join(dir, 'logs');

describe('--narrator', () => {
  it('bedrock without BEDROCK_MODEL_ID is bad input (exit 2), in one sentence', async () => {
    vi.stubEnv('BEDROCK_MODEL_ID', '');
    const result = await run('diagnose', '--event-logs', logs(), '--until', NOW, '--narrator', 'bedrock');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('spark-tuner diagnose: --narrator bedrock needs BEDROCK_MODEL_ID, the id of the Bedrock model to ask.\n');
    const other = await run('tune', '--event-logs', logs(), '--repo', dir, '--narrator', 'gpt');
    expect(other).toMatchObject({ code: 2, stderr: 'spark-tuner tune: --narrator must be bedrock or deterministic, not "gpt".\n' });
  });

  it('diagnose --narrator deterministic prints the five sections after the report', async () => {
    const result = await run('diagnose', '--event-logs', logs(), '--until', NOW, '--narrator', 'deterministic');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('== Analysis of daily_sales (narrative: deterministic) ==');
    expect(result.stdout).toMatch(/## Application overview\n\nDAG daily_sales, runs Spark/);
    expect(fake.requests).toHaveLength(0);
  });

  it('diagnose --narrator bedrock asks the model and logs its id, latency and tokens on stderr', async () => {
    useFakeBedrock();
    const result = await run('diagnose', '--event-logs', logs(), '--until', NOW, '--narrator', 'bedrock', '--json');
    expect(result.code).toBe(0);
    const { analyses } = JSON.parse(result.stdout) as { analyses: { dag_id: string; narrator: string; narrative: Record<string, string> }[] };
    expect(analyses[0]).toMatchObject({ dag_id: 'daily_sales', narrator: `bedrock (${MODEL})`, fallback_reason: null });
    expect(analyses[0]?.narrative.application_overview).toMatch(/^Model overview/);
    expect(result.stderr).toMatch(new RegExp(`bedrock: ${MODEL.replace(/[.:]/g, '\\$&')}, \\d+ ms, 3000 in / 700 out tokens; answer accepted`));
  });

  it('tune --narrator bedrock writes the deterministic sections and the reason when the model invents a number', async () => {
    useFakeBedrock();
    fake.setFallback({ kind: 'hallucinate' });
    const files = Object.fromEntries(
      ['dags/daily_sales.py', 'dags/hourly_events.py', '.github/spark-tuner.yml'].map((file) => [file, readFileSync(path.join(EXAMPLE, file), 'utf8')]),
    );
    const repo = await tempGitRepo(files);
    const result = await run('tune', '--event-logs', logs(), '--repo', repo, '--until', NOW, '--dry-run', '--narrator', 'bedrock');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'The analysis below was written by spark-tuner\'s deterministic renderer: Amazon Bedrock\'s answer was not used because it wrote numbers the data does not hold in "Resource recommendations" (999g).',
    );
    expect(result.stderr).toMatch(/bedrock: .*deterministic narrative used: .*999g/);
  });
});
