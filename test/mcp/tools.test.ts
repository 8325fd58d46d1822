import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosisJsonSchema } from '../../src/diagnose/json/diagnosis-schema.js';
import { LIMITS } from '../../src/mcp/bounds.js';
import type { McpContext } from '../../src/mcp/context.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { matches } from '../../src/metrics/eventlog-source.js';
import type { MetricsQuery, MetricsSource } from '../../src/metrics/source.js';
import type { StageProfile } from '../../src/metrics/stage-profile.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { NOW, run } from '../support/runs.js';
import { call, textOf } from './support/results.js';

const SECRET = 'hunter2-planted-7f3a';
const logs: string[] = [];
let client: Client | null = null;

/** A source that returns rows as given (not redacted: the tools' own last pass must catch what slipped through). */
function fakeSource(rows: ApplicationSummary[], fail = false): MetricsSource {
  return {
    name: 'eventlogs',
    load: async (query: MetricsQuery) => {
      if (fail) throw new Error(`connection refused to jdbc:postgresql://etl:${SECRET}@db/metrics`);
      return { summaries: rows.filter((row) => matches(row, query)).map((row) => structuredClone(row)), problems: [] };
    },
  };
}

async function connect(source: MetricsSource | string): Promise<Client> {
  const ctx: McpContext = {
    metrics: () => (typeof source === 'string' ? { ok: false, message: source } : { ok: true, source }),
    group_by: 'airflow',
    clock: () => NOW,
    lookback_days: null,
    min_runs: null,
    log: (line) => logs.push(line),
  };
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(ctx).connect(serverSide);
  client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

afterEach(async () => {
  await client?.close();
  client = null;
  logs.length = 0;
});

/** 40 daily runs of daily_sales.load_orders, 16g executors peaking at 5 GiB; one failed with a secret in its text. */
function history(): ApplicationSummary[] {
  const rows = Array.from({ length: 40 }, (_, i) => run(i * 0.3, 5));
  rows[0] = { ...run(0, 5), status: 'failed', failure_reason: `Job aborted: s3a://bucket?password=${SECRET} denied`, spark_conf: { 'spark.executor.memory': '16g', 'spark.hadoop.fs.s3a.secret.key': SECRET } };
  return rows;
}

/** A stage profile of `stages` stage attempts and two driver-only gaps (300 ms in all); 100 stages are about 24 KB. */
function profile(stages: number): StageProfile {
  const stage = (id: number) => ({
    stage_id: id, attempt_id: 0, submit_ms: 1_000 * id, complete_ms: 1_000 * id + 900, tasks: 200, task_ms_sum: 123_456_789,
    task_ms_p50: 61_234, task_ms_p95: 98_765, task_ms_max: 123_456, max_running: 64,
    input_bytes: 12_345_678_901, shuffle_read_bytes: 2_345_678_901, shuffle_write_bytes: 3_456_789_012,
  });
  return { version: 1, stages: Array.from({ length: stages }, (_, i) => stage(i)), driver_only: [[0, 100], [5_000, 5_200]], omitted_stages: 7, omitted_task_ms: 4_321 };
}

describe('the MCP tools (in process, through the SDK client)', () => {
  it('keeps get_task_metrics rows whole, stage_profile included, when they fit', async () => {
    const mcp = await connect(fakeSource(history().map((row) => ({ ...row, stage_profile: profile(3) }))));
    const result = await call(mcp, 'get_task_metrics', { dag_id: 'daily_sales', task_id: 'load_orders', lookback_days: 30 });
    const content = result.structuredContent as { rows: ApplicationSummary[]; omitted: string[] };
    expect(content.rows).toHaveLength(LIMITS.rows);
    expect(content.rows[0]?.stage_profile).toEqual(profile(3));
    expect(content.omitted).toHaveLength(1);
  });

  it('gives each stage_profile as a digest when whole rows would not fit, and says so', async () => {
    const rows: ApplicationSummary[] = history().map((row) => ({ ...row, stage_profile: profile(100) }));
    rows[3] = { ...rows[3]!, stage_profile: null };
    expect(JSON.stringify(rows.slice(0, LIMITS.rows)).length).toBeGreaterThan(LIMITS.row_chars);
    const mcp = await connect(fakeSource(rows));
    const result = await call(mcp, 'get_task_metrics', { dag_id: 'daily_sales', task_id: 'load_orders', lookback_days: 30 });
    const content = result.structuredContent as { rows: Array<Record<string, unknown>>; omitted: string[] };
    expect(content.rows).toHaveLength(LIMITS.rows);
    expect(content.rows[0]?.stage_profile).toEqual({ digest: true, stages: 100, omitted_stages: 7, omitted_task_ms: 4_321, driver_only_ms: 300 });
    expect(content.rows.filter((row) => row.stage_profile === null)).toHaveLength(1);
    expect(content.rows[0]?.app_id).toBe(rows[0]?.app_id);
    const digestLine = 'Each stage_profile is given as a digest (stages kept and omitted, driver-only ms) so that more rows fit; the whatif tool replays the whole profiles.';
    expect(content.omitted[0]).toBe(digestLine);
    expect(textOf(result)).toContain(digestLine);
    expect(JSON.stringify(result.structuredContent).length).toBeLessThan(LIMITS.row_chars + 2_000);
  });

  it('bounds get_task_metrics to the newest rows and says what it cut; no secret survives', async () => {
    const mcp = await connect(fakeSource(history()));
    const result = await call(mcp, 'get_task_metrics', { dag_id: 'daily_sales', task_id: 'load_orders', lookback_days: 30 });
    expect(result.isError).toBeFalsy();
    const content = result.structuredContent as { runs_total: number; rows: ApplicationSummary[]; omitted: string[] };
    expect(content.runs_total).toBe(40);
    expect(content.rows).toHaveLength(LIMITS.rows);
    expect(content.rows[0]?.start_time).toBeGreaterThanOrEqual(content.rows[1]?.start_time ?? Infinity);
    expect(content.omitted).toEqual([`Only the ${LIMITS.rows} newest of 40 runs are listed; shorten lookback_days or name the task_id.`]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(content.rows[0]?.spark_conf['spark.hadoop.fs.s3a.secret.key']).toBe('*********(redacted)');
  });

  it('bounds the evidence runs of diagnose_task and answers the versioned diagnosis JSON', async () => {
    const mcp = await connect(fakeSource(history()));
    const result = await call(mcp, 'diagnose_task', { dag_id: 'daily_sales' });
    const json = DiagnosisJsonSchema.parse(result.structuredContent);
    const evidence = json.tasks[0]?.findings.map((f) => f.evidence) ?? [];
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(e.runs.length).toBeLessThanOrEqual(LIMITS.evidence_runs);
    expect(json.omitted.join(' ')).toMatch(/newest runs \(runs_total has the count\)/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('answers a misconfigured server, a failing source and unknown DAGs with one-sentence tool errors', async () => {
    const unset = await connect('METRICS_SOURCE=eventlogs needs EVENT_LOG_DIR, the directory of Spark event logs.');
    const notConfigured = await call(unset, 'list_tasks', {});
    expect(notConfigured).toMatchObject({ isError: true });
    expect(textOf(notConfigured)).toBe('METRICS_SOURCE=eventlogs needs EVENT_LOG_DIR, the directory of Spark event logs.');
    await unset.close();

    const failing = await connect(fakeSource([], true));
    const crashed = await call(failing, 'diagnose_task', { dag_id: 'daily_sales' });
    expect(crashed).toMatchObject({ isError: true });
    expect(textOf(crashed)).toBe("diagnose_task failed unexpectedly; the server's log (stderr) has the details.");
    expect(logs.join('\n')).toContain('connection refused');
    expect(logs.join('\n')).not.toContain(SECRET);
    await failing.close();

    const empty = await connect(fakeSource(history()));
    const unknown = await call(empty, 'get_task_metrics', { dag_id: 'no_such_dag' });
    expect(textOf(unknown)).toBe(
      'No runs of no_such_dag started in the 14-day window ending 2026-11-20 in Spark event logs; list_tasks shows the tasks that have runs.',
    );
  });
});
