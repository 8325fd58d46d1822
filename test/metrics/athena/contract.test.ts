import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localRepoFiles } from '../../../src/dags/local-repo-files.js';
import { diagnoseAll, type DiagnoseOptions } from '../../../src/diagnose/diagnose-task.js';
import type { TaskDiagnosis } from '../../../src/diagnose/types.js';
import { generateScenario } from '../../../src/generator/scenarios.js';
import { athenaSource } from '../../../src/metrics/athena/athena-source.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import type { MetricsQuery } from '../../../src/metrics/source.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { SUMMARY_COLUMNS } from '../../../src/metrics/summary-columns.js';
import { planProposal } from '../../../src/pipeline/plan-proposal.js';
import type { PlanRequest } from '../../../src/pipeline/types.js';
import { hasSharedEvents, SHARED_EVENTS_DIR } from '../../support/shared-data.js';
import { stubAwsEnv, testSettings } from './support/aws-env.js';
import { startFakeAthena, type FakeAthena } from './support/fake-athena.js';

/**
 * The contract between the two metrics sources: summaries written to the table and read back through Athena (every
 * value a string, timestamps formatted, JSON as text) are the summaries `summarize` produced, and the diagnosis and
 * the pull request do not depend on which source they came from.
 */
const EVERYTHING = { since: Date.UTC(1990, 0, 1), until: Date.UTC(2100, 0, 1) };
const NOW = new Date('2026-11-20T12:00:00Z');
const EXAMPLE_REPO = path.resolve(import.meta.dirname, '../../../examples/dag-repo');

let athena: FakeAthena;
beforeAll(async () => {
  athena = await startFakeAthena();
});
afterAll(async () => athena.close());

function key(row: ApplicationSummary): string {
  return `${row.app_id}/${row.attempt_id ?? '-'}`;
}

async function throughAthena(summaries: ApplicationSummary[], query: MetricsQuery = { dag_id: null, task_id: null, ...EVERYTHING }): Promise<ApplicationSummary[]> {
  athena.reset();
  athena.configure({ table: summaries, page_size: 40 });
  stubAwsEnv(athena.url);
  try {
    const result = await athenaSource(testSettings()).load(query);
    expect(result.problems).toEqual([]);
    return result.summaries;
  } finally {
    vi.unstubAllEnvs();
  }
}

describe.skipIf(!hasSharedEvents)('contract: real event logs, summarized, served by Athena, read back', () => {
  let expected: ApplicationSummary[] = [];
  let actual: ApplicationSummary[] = [];

  beforeAll(async () => {
    const { summaries } = await summarizeEventLogs([path.join(SHARED_EVENTS_DIR, 'logs')]);
    // A row without start_time has no partition in the table; every other row must come back.
    expected = summaries.filter((row) => row.start_time !== null).sort((a, b) => key(a).localeCompare(key(b)));
    actual = (await throughAthena(expected)).sort((a, b) => key(a).localeCompare(key(b)));
  }, 180_000);

  it('returns every summary of the real logs, over several result pages', () => {
    expect(expected.length).toBeGreaterThan(80);
    expect(actual.map(key)).toEqual(expected.map(key));
    expect(athena.calls.filter((call) => call.target === 'GetQueryResults').length).toBeGreaterThanOrEqual(3);
  });

  it('returns each field equal to what summarize produced, with the same type', () => {
    const differences: string[] = [];
    expected.forEach((want, index) => {
      const got = actual[index] as unknown as Record<string, unknown>;
      for (const column of SUMMARY_COLUMNS) {
        const a = got[column.name];
        const b = (want as unknown as Record<string, unknown>)[column.name];
        const sameType = (a === null) === (b === null) && typeof a === typeof b;
        if (!sameType || JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${key(want)} ${column.name}: ${JSON.stringify(b)} → ${JSON.stringify(a)}`);
      }
    });
    expect(differences).toEqual([]);
    expect(actual).toEqual(expected);
  });

  it('covers every column type with real values, not only nulls', () => {
    for (const column of SUMMARY_COLUMNS) {
      if (['cluster_id', 'yarn_queue', 'team', 'dag_id', 'task_id', 'run_id', 'try_number'].includes(column.name)) continue;
      expect(actual.some((row) => row[column.name] !== null), column.name).toBe(true);
    }
  });
});

describe('contract: the same history diagnosed from event logs and from Athena', () => {
  let dir = '';
  let fromLogs: ApplicationSummary[] = [];
  let fromAthena: ApplicationSummary[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-athena-contract-'));
    await generateScenario('overprovisioned-memory', { outDir: dir, now: NOW });
    await generateScenario('healthy', { outDir: dir, now: NOW });
    fromLogs = (await summarizeEventLogs([dir])).summaries;
    fromAthena = await throughAthena(fromLogs, { dag_id: 'daily_sales', task_id: null, since: NOW.getTime() - 14 * 86_400_000, until: NOW.getTime() });
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const options = (source: string): DiagnoseOptions => ({ until: NOW.getTime(), lookback_days: 14, min_runs: 3, metric_source: source });
  const withoutSource = (diagnoses: TaskDiagnosis[]): unknown =>
    JSON.parse(JSON.stringify(diagnoses).replaceAll('"metric_source":"athena"', '"metric_source":"eventlogs"'));

  it('reads only the DAG asked for', () => {
    expect(fromAthena.length).toBe(5);
    expect(new Set(fromAthena.map((row) => row.dag_id))).toEqual(new Set(['daily_sales']));
  });

  it('gives the same findings and recommendations (the evidence names its source)', () => {
    const logs = diagnoseAll(fromLogs, options('eventlogs'), { dag_id: 'daily_sales' });
    const table = diagnoseAll(fromAthena, options('athena'), { dag_id: 'daily_sales' });
    expect(logs[0]?.recommendations.map((r) => `${r.key}=${r.proposed}`)).toEqual(['spark.executor.memory=8g']);
    expect(table[0]?.findings[0]?.evidence.metric_source).toBe('athena');
    expect(withoutSource(table)).toEqual(logs);
  });

  it('gives the same pull request, apart from the name of the metrics source', async () => {
    const request = (summaries: ApplicationSummary[], source: string): PlanRequest => ({
      dag_id: 'daily_sales', task_id: 'load_orders', summaries, repo: localRepoFiles(EXAMPLE_REPO), dag_paths: ['dags/'],
      metric_source: source, until: NOW.getTime(), lookback_days: 14, min_runs: 3,
    });
    const logs = await planProposal(request(fromLogs, 'eventlogs'));
    const table = await planProposal(request(fromAthena, 'athena'));
    if (logs.kind !== 'proposal' || table.kind !== 'proposal') throw new Error(`expected proposals, got ${logs.kind} and ${table.kind}`);
    expect(table.proposal.title).toBe('Tune daily_sales.load_orders: spark.executor.memory 16g → 8g');
    expect(table.proposal.body).toContain('the Athena summary table');
    expect(table.proposal.body).not.toBe(logs.proposal.body);
    const named = (body: string): string => body.replaceAll('the Athena summary table', 'Spark event logs').replaceAll('from athena', 'from eventlogs');
    expect(named(table.proposal.body)).toBe(logs.proposal.body);
    expect({ ...table.proposal, body: '' }).toEqual({ ...logs.proposal, body: '' });
  });
});
