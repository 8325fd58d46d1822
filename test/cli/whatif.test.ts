import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatifCommand } from '../../src/cli/commands/whatif.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { generateScenario } from '../../src/generator/scenarios.js';
import { WHATIF_METHOD } from '../../src/whatif/method.js';

const NOW = new Date('2026-11-21T09:30:00Z');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-whatif-cli-'));
  await generateScenario('bursty-executors', { outDir: dir, now: NOW });
}, 30_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function whatif(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  const code = await whatifCommand(argv, io, NOW);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const task = ['--dag', 'planted_bursty', '--task', 'transform'];

describe('spark-tuner whatif', () => {
  it('prints the prediction per run and the mean as a plain table, naming the method', async () => {
    const { code, stdout, stderr } = await whatif('--event-logs', dir, ...task, '--executors', '6');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^planted_bursty\.transform at 6 executors \(today’s cores\)\n/);
    expect(stdout.match(/^application_\S+ \(attempt 1\) +2026-11-\d\d +12 → 6 +4 → 4 +\d+ min → \d+ min +/gm)).toHaveLength(5);
    expect(stdout).toMatch(/^mean of 5 runs +\d+ min → \d+ min +[\d.]+ → [\d.]+ +[\d.]+ → [\d.]+ +\$[\d.]+ → \$[\d.]+$/m);
    expect(stdout).toContain(`method: ${WHATIF_METHOD}`);
  });

  it('answers JSON with --json: half the executors make the bursty runs about 1.3× longer for about a third less', async () => {
    const { code, stdout } = await whatif('--event-logs', dir, ...task, '--executors', '6', '--cores', '4', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ dag_id: 'planted_bursty', task_id: 'transform', method: WHATIF_METHOD, proposal: { executors: 6, cores: 4 }, skipped: [] });
    const ratio = json.overall.wall_ms_after / json.overall.wall_ms_before;
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeLessThan(1.45);
    const saving = 1 - json.overall.after.cost_usd / json.overall.before.cost_usd;
    expect(saving).toBeGreaterThan(0.2);
    expect(saving).toBeLessThan(0.4);
  });

  it.each([
    [['--executors', '0'], /^spark-tuner whatif: --executors must be a whole number of at least 1, not "0"\.\n$/],
    [['--executors', '2.5'], /--executors must be a whole number of at least 1, not "2\.5"/],
    [['--executors', '6', '--cores', 'four'], /--cores must be a whole number of at least 1, not "four"/],
    [[], /Give the executor count to predict with --executors N\./],
  ])('refuses bad input %j in one sentence (exit 2)', async (args, message) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['whatif', '--event-logs', dir, ...task, ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(message);
    expect(out).toEqual([]);
  });

  it.each([
    [['--dag', 'nope', '--task', 'transform'], 'spark-tuner whatif: No runs of DAG "nope" in '],
    [['--dag', 'planted_bursty', '--task', 'load'], 'spark-tuner whatif: DAG "planted_bursty" has no task "load" with runs in '],
  ])('names an unknown DAG or task in one sentence (exit 2)', async (ids, message) => {
    const { code, stderr, stdout } = await whatif('--event-logs', dir, ...ids, '--executors', '6');
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('is listed in --help', async () => {
    const out: string[] = [];
    await main(['--help'], { stdout: (t) => out.push(t), stderr: () => undefined });
    expect(out.join('')).toMatch(/^ {2}whatif \(--event-logs <dir\|s3:\/\/…> \| --metrics athena\) --dag D --task T --executors N \[--cores C\]/m);
  });
});
