import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseAll } from '../../src/diagnose/diagnose-task.js';
import { RULES } from '../../src/diagnose/rules/index.js';
import type { TaskDiagnosis } from '../../src/diagnose/types.js';
import { generateScenario, scenarios } from '../../src/generator/scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';

const NOW = new Date('2026-11-21T09:30:00Z');
const TABLE = fileURLToPath(new URL('./fixtures/detection-table.md', import.meta.url));
// verify-* histories change their configuration at a merge point: they are verification's evidence, not detection's
const SCENARIOS = Object.keys(scenarios).filter((name) => name !== 'large' && !name.startsWith('verify-'));

/** Each planted problem: the rule that must find it and the changes it must propose (empty: a person must look). */
const PLANTED: [scenario: string, rule: string, changes: string[]][] = [
  ['overprovisioned-memory', 'executor-memory-overprovisioned', ['spark.executor.memory=16g→8g']],
  ['oom-failures', 'executor-memory-underprovisioned', ['spark.executor.memory=8g→12g']],
  ['full-heap', 'executor-memory-underprovisioned', ['spark.executor.memory=8g→10g']],
  ['overhead-kills', 'memory-overhead-too-low', ['spark.executor.memoryOverhead=unset→2g']],
  ['big-driver', 'driver-memory', ['spark.driver.memory=16g→8g']],
  ['spill', 'spill', ['spark.sql.shuffle.partitions=96→192']],
  ['skewed-stage', 'task-skew', ['spark.sql.adaptive.enabled=false→true']],
  ['tiny-tasks', 'shuffle-partitions', ['spark.sql.shuffle.partitions=6000→24']],
  ['long-tasks', 'shuffle-partitions', ['spark.sql.shuffle.partitions=24→216']],
  ['gc-heavy', 'gc-overhead', ['spark.executor.memory=8g→10g']],
  ['idle-executors', 'idle-executors', ['spark.executor.instances=16→4']],
  [
    'bursty-executors',
    'idle-executors',
    [
      'spark.dynamicAllocation.enabled=false→true', 'spark.dynamicAllocation.shuffleTracking.enabled=unset→true', 'spark.dynamicAllocation.minExecutors=unset→1',
      'spark.dynamicAllocation.initialExecutors=unset→1', 'spark.dynamicAllocation.maxExecutors=unset→12',
    ],
  ],
  ['da-max-unreached', 'idle-executors', ['spark.dynamicAllocation.maxExecutors=40→8']],
  ['bad-da-bounds', 'dynamic-allocation-bounds', ['spark.dynamicAllocation.initialExecutors=2→4', 'spark.executor.instances=8→6']],
  ['flaky-fetch-failures', 'task-failures', ['spark.shuffle.io.maxRetries=unset→10', 'spark.shuffle.io.retryWait=unset→30s']],
  ['cut-after-kill', 'memory-overhead-too-low', ['spark.executor.memoryOverhead=unset→3g']],
  ['failing-job', 'task-failures', []],
];

/** Problems found but whose change a guardrail holds back (the cut after a memory failure). */
const HELD: [scenario: string, rule: string][] = [['cut-after-kill', 'executor-memory-overprovisioned']];

let dir = '';
const diagnoses = new Map<string, TaskDiagnosis>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-detect-'));
  for (const name of SCENARIOS) {
    const files = await generateScenario(name, { outDir: path.join(dir, name), now: NOW });
    const { summaries, problems } = await summarizeEventLogs(files);
    expect(problems).toEqual([]);
    const [diagnosis, ...others] = diagnoseAll(summaries, { until: NOW.getTime(), lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' });
    expect(others).toEqual([]);
    if (diagnosis) diagnoses.set(name, diagnosis);
  }
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A cell: `fix` (a change is proposed), `human` (a person must look), `held` (found, change held back), or `·`. */
function cell(d: TaskDiagnosis | undefined, rule: string): string {
  const finding = d?.findings.find((f) => f.rule_id === rule);
  if (!finding) return '·';
  if (finding.needs_human) return 'human';
  return finding.recommendations.some((r) => d?.recommendations.includes(r)) ? 'fix' : 'held';
}

function detectionTable(): string {
  const header = `| scenario | ${RULES.map((rule) => rule.id).join(' | ')} |`;
  const rule = `| --- | ${RULES.map(() => ':---:').join(' | ')} |`;
  const rows = SCENARIOS.map((name) => `| ${name} | ${RULES.map((r) => cell(diagnoses.get(name), r.id)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

describe('rules on generated histories with a planted problem', () => {
  it.each(PLANTED)('%s: %s proposes its fix', (scenario, ruleId, changes) => {
    const d = diagnoses.get(scenario);
    const finding = d?.findings.find((f) => f.rule_id === ruleId);
    expect(finding?.evidence.metric_source).toBe('eventlogs');
    expect(finding?.evidence.spark_versions).toEqual(['3.5.1']);
    expect(finding?.evidence.runs.length).toBeGreaterThan(0);
    expect(finding?.needs_human).toBe(changes.length === 0);
    expect(d?.recommendations.map((r) => `${r.key}=${r.current ?? 'unset'}→${r.proposed}`)).toEqual(changes);
    if (changes.length > 0) expect(d?.impact).not.toBeNull();
  });

  it('finds only the planted problem: no other rule fires on any scenario', () => {
    for (const name of SCENARIOS) {
      const expected = [...PLANTED, ...HELD].filter(([scenario]) => scenario === name).map(([, rule]) => rule);
      expect([name, diagnoses.get(name)?.findings.map((f) => f.rule_id).sort()]).toEqual([name, expected.sort()]);
    }
  });

  it('holds back the memory cut of a task that lost a container to its memory limit, and says so', () => {
    const d = diagnoses.get('cut-after-kill');
    expect(d?.findings.find((f) => f.rule_id === 'executor-memory-overprovisioned')?.recommendations[0]?.proposed).toBe('8g');
    expect(d?.notes.join(' ')).toMatch(/^No resources are cut: 1 run\(s\) in the window failed for memory \(application_\d+_\d+\); held back: spark.executor.memory=8g\./);
  });

  it('names the skewed stage', () => {
    expect(diagnoses.get('skewed-stage')?.findings[0]?.evidence.stages).toEqual([1]);
  });

  it('matches the detection table kept in fixtures/detection-table.md (UPDATE_DETECTION_TABLE=1 rewrites it)', async () => {
    const table = `${detectionTable()}\n`;
    if (process.env.UPDATE_DETECTION_TABLE) await writeFile(TABLE, table);
    expect(table).toBe(await readFile(TABLE, 'utf8'));
  });
});
