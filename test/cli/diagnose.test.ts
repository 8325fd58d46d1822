import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCommand } from '../../src/cli/commands/diagnose.js';
import { shown } from '../../src/cli/diagnosis-report.js';
import type { CliIo } from '../../src/cli/io.js';
import { DiagnosisJsonSchema, type DiagnosisJson, type TaskDiagnosisJson } from '../../src/diagnose/json/diagnosis-schema.js';
import { formatNumber, formatUsd } from '../../src/format.js';
import { generateScenario } from '../../src/generator/scenarios.js';

const NOW = new Date('2026-11-21T09:30:00Z');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-diagnose-cli-'));
  for (const name of ['overprovisioned-memory', 'healthy', 'cut-after-kill', 'skewed-stage', 'failing-job']) {
    await generateScenario(name, { outDir: path.join(dir, 'logs'), now: NOW });
  }
}, 30_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function diagnose(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  const code = await diagnoseCommand(argv, io, NOW);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Every fact of a diagnosis the report must show, as it shows it. */
function facts(d: TaskDiagnosisJson): string[] {
  const number = (value: number): string => formatNumber(value, value < 10 ? 2 : 1);
  return [
    `${d.dag_id}.${d.task_id}`,
    `${d.runs_in_window} runs`,
    `(${d.successful_runs_in_window} succeeded)`,
    ...(d.latest_run ? [d.latest_run.app_id] : []),
    ...d.findings.flatMap((f) => [
      `[${f.kind}] ${f.rule_id}: ${f.title}${f.needs_human ? ' [needs a person]' : ''}`,
      f.detail,
      `from ${f.evidence.metric_source}`,
      ...f.evidence.spark_versions,
      ...(f.evidence.stages ?? []).map((s) => `stage ${s}`),
      ...Object.entries(f.evidence.values).map(([k, v]) => `${k}=${shown(v)}`),
      ...f.evidence.runs.flatMap((r) => [r.app_id, ...Object.entries(r.values).map(([k, v]) => `${k}=${shown(v)}`)]),
      ...f.proposals.map((p) => `${p.key}=${p.proposed}${p.outcome === 'held_back' ? ' (held back)' : ''}`),
    ]),
    ...d.recommendations.flatMap((r) => [`→ ${r.key}: ${r.current ?? 'unset'} → ${r.proposed}  (${r.rule_id}: ${r.reason})`, `runtime: ${r.runtime_effect}`]),
    ...d.held_back.map((h) => `✗ ${h.key}: ${h.current ?? 'unset'} → ${h.proposed}  (${h.rule_id}; ${h.guardrail}: ${h.because})`),
    ...(d.impact
      ? [
          `${number(d.impact.gb_hours_before)} → ${number(d.impact.gb_hours_after)} GB-hours`,
          `${number(d.impact.core_hours_before)} → ${number(d.impact.core_hours_after)} core-hours`,
          `${formatUsd(d.impact.cost_before_usd)} → ${formatUsd(d.impact.cost_after_usd)}`,
          `$${d.impact.prices.vcpu_hour_usd}/vCPU-hour`,
          `runtime: ${d.impact.runtime_effect}`,
        ]
      : []),
    ...d.notes.map((note) => `note: ${note}`),
  ];
}

describe('spark-tuner diagnose', () => {
  it('reports findings, recommendations, evidence, impact and notes per task; --json has the same content', async () => {
    const text = await diagnose('--event-logs', path.join(dir, 'logs'));
    const json = await diagnose('--event-logs', path.join(dir, 'logs'), '--json');
    expect([text.code, json.code]).toEqual([0, 0]);
    const report = DiagnosisJsonSchema.parse(JSON.parse(json.stdout));
    expect(report.schema_version).toBe(1);
    const diagnoses = report.tasks;
    expect(diagnoses.map((d) => `${d.dag_id}.${d.task_id}`)).toEqual([
      'daily_sales.load_orders', 'hourly_events.aggregate', 'planted_cut_after_kill.transform', 'planted_failing.transform', 'planted_skew.transform',
    ]);
    for (const d of diagnoses) for (const fact of facts(d)) expect(text.stdout).toContain(fact);
    expect(text.stdout).toContain('→ spark.executor.memory: 16g → 8g');
    expect(text.stdout).toContain('no finding: the configuration fits the runs');
  });

  it('lists what the guardrails held back apart from what will be proposed, and marks it in its finding', async () => {
    const { stdout } = await diagnose('--event-logs', path.join(dir, 'logs'), '--dag', 'planted_cut_after_kill', '--json');
    const [d] = DiagnosisJsonSchema.parse(JSON.parse(stdout)).tasks;
    expect(d?.held_back.length).toBeGreaterThan(0);
    for (const held of d?.held_back ?? []) {
      expect(held).toMatchObject({ status: 'held_back', guardrail: 'memory-failure' });
      expect(d?.recommendations.map((r) => r.key)).not.toContain(held.key);
      const finding = d?.findings.find((f) => f.rule_id === held.rule_id);
      expect(finding?.proposals).toContainEqual({ key: held.key, proposed: held.proposed, outcome: 'held_back' });
    }
    const text = await diagnose('--event-logs', path.join(dir, 'logs'), '--dag', 'planted_cut_after_kill');
    expect(text.stdout).toContain('held back by the guardrails (not proposed):');
  });

  it('filters by DAG and task, and sizes with the given node and prices', async () => {
    const { stdout } = await diagnose('--event-logs', path.join(dir, 'logs'), '--dag', 'daily_sales', '--task', 'load_orders', '--json', '--vcpu-hour-usd', '0.1', '--gb-hour-usd', '0');
    const [d, ...rest] = (JSON.parse(stdout) as DiagnosisJson).tasks;
    expect(rest).toEqual([]);
    expect(d?.impact?.prices).toEqual({ vcpu_hour_usd: 0.1, gb_hour_usd: 0 });
    expect(d?.impact?.cost_before_usd).toBeCloseTo((d?.impact?.core_hours_before ?? 0) * 0.1, 6);
  });

  it('says when the runs are older than the window, and replays them with --until', async () => {
    const old = await diagnose('--event-logs', path.join(dir, 'logs'), '--dag', 'daily_sales', '--until', '2026-12-31');
    expect(old.stdout).toMatch(/note: No run of daily_sales.load_orders started in the 14-day window ending 2026-12-31: the runs are older than the window/);
    const replay = await diagnose('--event-logs', path.join(dir, 'logs'), '--dag', 'daily_sales', '--until', '2026-12-31', '--lookback-days', '60');
    expect(replay.stdout).toContain('→ spark.executor.memory: 16g → 8g');
  });

  it('groups runs by application name on request', async () => {
    const { stdout } = await diagnose('--event-logs', path.join(dir, 'logs'), '--group-by', 'app-name', '--json');
    expect((JSON.parse(stdout) as DiagnosisJson).tasks.map((d) => `${d.dag_id}.${d.task_id}`)).toContain('daily_sales.load_orders.app');
  });

  it.each([
    [['--group-by', 'team'], '--group-by must be airflow or app-name, not "team".'],
    [['--node-memory', 'lots'], '--node-memory must be a memory size of at least 1g, like 56g or 122880m, not "lots".'],
    [['--gb-hour-usd=-1'], '--gb-hour-usd must be a price in US dollars like 0.05, not "-1".'],
  ])('refuses bad options %j in one sentence', async (options, message) => {
    await expect(diagnose('--event-logs', path.join(dir, 'logs'), ...options)).rejects.toThrow(message);
  });

  it('points at --group-by app-name when no run names its Airflow task', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'spark-tuner-empty-'));
    try {
      const result = await diagnose('--event-logs', empty);
      expect(result.stderr).toMatch(/pass --group-by app-name to diagnose them by Spark application name/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
