import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { athenaSource, type AthenaQueryLog } from '../../../src/metrics/athena/athena-source.js';
import { MetricsError } from '../../../src/metrics/metrics-error.js';
import type { MetricsQuery } from '../../../src/metrics/source.js';
import { SUMMARY_COLUMNS } from '../../../src/metrics/summary-columns.js';
import { run } from '../../support/runs.js';
import { startFakeAthena, type FakeAthena } from './support/fake-athena.js';
import { stubAwsEnv, testSettings } from './support/aws-env.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;
const WINDOW = { since: NOW - 14 * DAY, until: NOW };
const LOAD_ORDERS: MetricsQuery = { dag_id: 'daily_sales', task_id: 'load_orders', ...WINDOW };

let athena: FakeAthena;

beforeAll(async () => {
  athena = await startFakeAthena();
});
afterAll(async () => athena.close());
beforeEach(() => {
  athena.reset();
  stubAwsEnv(athena.url);
});
afterEach(() => vi.unstubAllEnvs());

function targets(): string[] {
  return athena.calls.map((call) => call.target);
}

function started() {
  const start = athena.calls.find((call) => call.target === 'StartQueryExecution');
  if (!start) throw new Error('no query was started');
  return start.body as { QueryString: string; ExecutionParameters: string[]; WorkGroup?: string; ResultConfiguration?: { OutputLocation: string } };
}

describe('athenaSource() against a local Athena endpoint (real AthenaClient, AWS JSON 1.1)', () => {
  it('sends one parameterized query for the window, the DAG and the task, and reads the rows back', async () => {
    const rows = [run(3, 5.2), run(2, 5.4), run(1, 5.1)];
    athena.configure({ table: [...rows, run(1, 5, { dag_id: 'other_dag' }), run(30, 5)] });
    const logs: AthenaQueryLog[] = [];
    const source = athenaSource(testSettings(), { onQuery: (entry) => logs.push(entry) });

    const result = await source.load(LOAD_ORDERS);

    expect(result).toEqual({ summaries: rows, problems: [] });
    const body = started();
    expect(body.ExecutionParameters).toEqual(["'2026-11-06 12:00:00.000'", "'2026-11-20 12:00:00.000'", "'daily_sales'", "'load_orders'"]);
    expect(body.QueryString).toBe(
      `SELECT ${SUMMARY_COLUMNS.map((c) => `"${c.name}"`).join(', ')} FROM "spark_metrics"."application_summaries" ` +
        'WHERE "start_time" >= CAST(? AS timestamp) AND "start_time" <= CAST(? AS timestamp) AND "dag_id" = ? AND "task_id" = ? ' +
        'ORDER BY "start_time", "app_id", "attempt_id"',
    );
    expect(body.QueryString).not.toMatch(/daily_sales|load_orders|2026/);
    expect(body.WorkGroup).toBe('spark-tuner');
    expect(body.ResultConfiguration).toEqual({ OutputLocation: 's3://results-bucket/spark-tuner/' });
    expect(logs).toEqual([{ query_execution_id: 'q-1', bytes_scanned: 1_048_576, rows: 3, total_queries: 1, total_bytes_scanned: 1_048_576 }]);
    expect(source.stats()).toEqual({ queries: 1, bytes_scanned: 1_048_576 });
  });

  it('asks for every DAG id of a repository in one IN list, and keeps a running total of bytes scanned', async () => {
    athena.configure({ table: [run(1, 5), run(1, 5, { dag_id: 'hourly_events', app_id: 'app-h' }), run(1, 5, { dag_id: 'x', app_id: 'app-x' })] });
    const source = athenaSource(testSettings());

    const first = await source.load({ dag_id: null, dag_ids: ['daily_sales', 'hourly_events'], task_id: null, ...WINDOW });
    athena.configure({ bytes_scanned: 2048 });
    await source.load({ dag_id: null, dag_ids: ['daily_sales'], task_id: null, ...WINDOW });

    expect(first.summaries.map((s) => s.dag_id).sort()).toEqual(['daily_sales', 'hourly_events']);
    expect(started().QueryString).toContain('AND "dag_id" IN (?, ?) ORDER BY');
    expect(started().ExecutionParameters.slice(2)).toEqual(["'daily_sales'", "'hourly_events'"]);
    expect(source.stats()).toEqual({ queries: 2, bytes_scanned: 1_048_576 + 2048 });
  });

  it('returns nothing without calling Athena for an empty list of DAG ids', async () => {
    const source = athenaSource(testSettings());
    expect(await source.load({ dag_id: null, dag_ids: [], task_id: null, ...WINDOW })).toEqual({ summaries: [], problems: [] });
    expect(athena.calls).toEqual([]);
    expect(source.stats()).toEqual({ queries: 0, bytes_scanned: 0 });
  });

  it.each([
    ["x' OR '1'='1", null],
    ['daily_sales', "load'; DROP TABLE t; --"],
    ['daily sales', null],
  ])('rejects the hostile or invalid id in (%j, %j) before any call', async (dag, task) => {
    const source = athenaSource(testSettings());
    await expect(source.load({ dag_id: dag, task_id: task, ...WINDOW })).rejects.toThrow(MetricsError);
    await expect(source.load({ dag_id: null, dag_ids: ['ok', dag], task_id: task, ...WINDOW })).rejects.toThrow(/is not a valid Airflow (DAG|task) id/);
    expect(athena.calls).toEqual([]);
  });

  it('polls a slow query until it succeeds', async () => {
    athena.configure({ table: [run(1, 5)], running_polls: 5 });
    const result = await athenaSource(testSettings()).load(LOAD_ORDERS);
    expect(result.summaries).toHaveLength(1);
    expect(targets()).toEqual(['StartQueryExecution', ...Array(6).fill('GetQueryExecution'), 'GetQueryResults']);
  });

  it('stops a query that outlives the timeout and says so in one sentence', async () => {
    athena.configure({ running_polls: Number.POSITIVE_INFINITY });
    // long enough for several polls on a loaded machine (each poll is a local HTTP round trip)
    const source = athenaSource(testSettings({ timeout_ms: 400 }));
    await expect(source.load(LOAD_ORDERS)).rejects.toThrow(
      'The Athena query q-1 did not finish within 400 ms and was stopped; try again later or narrow the lookback window.',
    );
    expect(targets().at(-1)).toBe('StopQueryExecution');
    expect(athena.calls.at(-1)?.body).toEqual({ QueryExecutionId: 'q-1' });
    expect(targets().filter((t) => t === 'GetQueryExecution').length).toBeGreaterThan(1);
  });

  it.each([
    ['FAILED', 'TABLE_NOT_FOUND: line 1:8: Table awsdatacatalog.spark_metrics.application_summaries does not exist', 'The Athena query q-1 failed: TABLE_NOT_FOUND: line 1:8: Table awsdatacatalog.spark_metrics.application_summaries does not exist.'],
    ['CANCELLED', 'Query was cancelled by an administrator.', 'The Athena query q-1 was cancelled: Query was cancelled by an administrator.'],
  ] as const)('turns %s into one sentence with Athena\'s reason', async (state, reason, message) => {
    athena.configure({ final_state: state, state_change_reason: reason, running_polls: 1 });
    const error = await athenaSource(testSettings()).load(LOAD_ORDERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricsError);
    expect((error as Error).message).toBe(message);
    expect(targets()).not.toContain('GetQueryResults');
  });

  it.each([
    ['ThrottlingException', 400],
    ['TooManyRequestsException', 400],
    ['InternalServerException', 500],
    ['ServiceUnavailable', 503],
  ])('retries %s (HTTP %i) well beyond 3 attempts, then succeeds', async (type, status) => {
    athena.configure({ table: [run(1, 5)], failures: { target: 'StartQueryExecution', times: 7, type, status } });
    const result = await athenaSource(testSettings()).load(LOAD_ORDERS);
    expect(result.summaries).toHaveLength(1);
    expect(targets().filter((t) => t === 'StartQueryExecution')).toHaveLength(8);
  });

  it('retries throttled polls and result pages too', async () => {
    athena.configure({ table: [run(1, 5)], failures: { target: 'GetQueryResults', times: 4, type: 'ThrottlingException', status: 400 } });
    expect((await athenaSource(testSettings()).load(LOAD_ORDERS)).summaries).toHaveLength(1);
    expect(targets().filter((t) => t === 'GetQueryResults')).toHaveLength(5);
  });

  it('gives up with one clear sentence when throttling outlasts the retries', async () => {
    athena.configure({ failures: { target: 'StartQueryExecution', times: 100, type: 'ThrottlingException', status: 400 } });
    const error = await athenaSource(testSettings({ retry: { max_attempts: 6, base_ms: 1, max_delay_ms: 2 } })).load(LOAD_ORDERS).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Athena kept throttling spark-tuner's query after 6 attempts (ThrottlingException); try again in a few minutes.",
    );
    expect(targets()).toEqual(Array(6).fill('StartQueryExecution'));
  });

  it('gives up with one clear sentence when server errors outlast the retries', async () => {
    athena.configure({ failures: { target: 'GetQueryExecution', times: 100, type: 'InternalServerException', status: 503 } });
    const error = await athenaSource(testSettings({ retry: { max_attempts: 4, base_ms: 1, max_delay_ms: 2 } })).load(LOAD_ORDERS).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Athena kept failing with HTTP 503 after 4 attempts (InternalServerException); try again in a few minutes.');
    expect(targets()).toEqual(['StartQueryExecution', ...Array(4).fill('GetQueryExecution')]);
  });

  it('does not retry a request Athena refuses, and names the refusal', async () => {
    athena.configure({ failures: { target: 'StartQueryExecution', times: 1, type: 'InvalidRequestException', status: 400 } });
    const error = await athenaSource(testSettings()).load(LOAD_ORDERS).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Athena refused the summary query (InvalidRequestException): Rate exceeded.');
    expect(targets()).toEqual(['StartQueryExecution']);
  });

  it('reads results across several pages, dropping only the header row', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => run(12 - i, 5, { app_id: `app-${String(i).padStart(2, '0')}` }));
    athena.configure({ table: rows, page_size: 4 });
    const result = await athenaSource(testSettings()).load(LOAD_ORDERS);
    expect(result.summaries.map((s) => s.app_id)).toEqual(rows.map((r) => r.app_id));
    const pages = athena.calls.filter((call) => call.target === 'GetQueryResults');
    expect(pages).toHaveLength(3);
    expect(pages.map((page) => page.body.NextToken)).toEqual([undefined, 'page-4', 'page-8']);
  });

  it('refuses a table whose column types do not hold the summary', async () => {
    const columns = SUMMARY_COLUMNS.map((c) => ({ name: c.name, type: c.name === 'executor_memory_mb' ? 'varchar' : c.type === 'json' ? 'varchar' : c.type }));
    athena.configure({ table: [run(1, 5)], columns });
    await expect(athenaSource(testSettings()).load(LOAD_ORDERS)).rejects.toThrow(
      "The Athena query could not be run or read: The Athena table's column executor_memory_mb is varchar, but spark-tuner needs bigint.",
    );
  });

  it('keeps the other rows when one row has broken JSON, and names it', async () => {
    const broken = run(2, 5, { app_id: 'app-broken' });
    const good = run(1, 5);
    athena.configure({ table: [broken, good] });
    const source = athenaSource(testSettings());
    const original = broken.spark_conf;
    // the fake encodes spark_conf with JSON.stringify; a Map-like value that stringifies to an array breaks the shape
    (broken as { spark_conf: unknown }).spark_conf = ['not', 'an', 'object'];
    const result = await source.load(LOAD_ORDERS);
    broken.spark_conf = original;
    expect(result.summaries.map((s) => s.app_id)).toEqual([good.app_id]);
    expect(result.problems).toEqual(['Athena row app-broken/1: Column spark_conf holds JSON of the wrong shape.']);
  });
});
