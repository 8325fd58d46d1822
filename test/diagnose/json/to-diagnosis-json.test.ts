import { describe, expect, it } from 'vitest';
import { DiagnosisJsonSchema } from '../../../src/diagnose/json/diagnosis-schema.js';
import { toDiagnosisJson } from '../../../src/diagnose/json/to-diagnosis-json.js';
import type { Finding, Recommendation, TaskDiagnosis } from '../../../src/diagnose/types.js';
import { NOW, run } from '../../support/runs.js';

const rec = (rule_id: string, key: string, proposed: string, current: string | null = null): Recommendation => ({ rule_id, key, current, proposed, reason: 'why' });

function finding(rule_id: string, recommendations: Recommendation[], runs = 1): Finding {
  return {
    rule_id,
    kind: 'cost',
    title: rule_id,
    detail: 'detail',
    needs_human: false,
    evidence: {
      runs: Array.from({ length: runs }, (_, i) => ({ app_id: `app-${i}`, attempt_id: null, run_id: null, start_time: NOW, status: 'succeeded' as const, values: {} })),
      spark_versions: ['3.5.1'],
      metric_source: 'eventlogs',
      values: {},
    },
    recommendations,
  };
}

function diagnosis(findings: Finding[], recommendations: Recommendation[], held: Recommendation[] = []): TaskDiagnosis {
  return {
    dag_id: 'daily_sales',
    task_id: 'load_orders',
    window: { since: NOW - 14 * 86_400_000, until: NOW },
    runs_in_window: 3,
    successful_runs_in_window: 3,
    findings,
    recommendations,
    held_back: held.map((recommendation) => ({ recommendation, guardrail: 'memory-failure', reason: 'a run failed for memory.' })),
    impact: null,
    notes: [],
    latest: run(0, 4),
  };
}

describe('toDiagnosisJson', () => {
  it('says what became of every suggestion of a finding', () => {
    const memory = rec('executor-memory-overprovisioned', 'spark.executor.memory', '8g', '16g');
    const spill = rec('spill', 'spark.sql.shuffle.partitions', '400', '200');
    const partitions = rec('shuffle-partitions', 'spark.sql.shuffle.partitions', '300', '200');
    const max = rec('idle-executors', 'spark.dynamicAllocation.maxExecutors', '4', '20');
    const aqe = rec('task-skew', 'spark.sql.adaptive.enabled', 'true', 'true');
    const overhead = rec('memory-overhead-too-low', 'spark.executor.memoryOverhead', '3g');
    const d = diagnosis(
      [finding('executor-memory-overprovisioned', [memory]), finding('spill', [spill]), finding('shuffle-partitions', [partitions]), finding('idle-executors', [max]), finding('task-skew', [aqe]), finding('memory-overhead-too-low', [overhead])],
      [spill, { ...overhead, proposed: '2g' }],
      [memory, max],
    );
    const json = DiagnosisJsonSchema.parse(toDiagnosisJson([d]));
    const [task] = json.tasks;
    expect(task?.findings.map((f) => f.proposals[0]?.outcome)).toEqual(['held_back', 'proposed', 'superseded', 'held_back', 'not_needed', 'adjusted']);
    expect(task?.recommendations.map((r) => `${r.status} ${r.key}=${r.proposed}`)).toEqual(['proposed spark.sql.shuffle.partitions=400', 'proposed spark.executor.memoryOverhead=2g']);
    expect(task?.held_back.map((h) => `${h.status} ${h.key}=${h.proposed} (${h.guardrail}: ${h.because})`)).toEqual([
      'held_back spark.executor.memory=8g (memory-failure: a run failed for memory.)',
      'held_back spark.dynamicAllocation.maxExecutors=4 (memory-failure: a run failed for memory.)',
    ]);
    expect(task?.latest_run?.app_id).toBe(d.latest?.app_id);
    expect(json.omitted).toEqual([]);
  });

  it('cuts tasks and evidence runs to the limits given, keeps the counts and says what it left out', () => {
    const d = diagnosis([finding('spill', [], 30)], []);
    const json = toDiagnosisJson([d, { ...d, task_id: 'other' }], { max_tasks: 1, max_evidence_runs: 5 });
    expect(json.tasks).toHaveLength(1);
    expect(json.tasks[0]?.findings[0]?.evidence).toMatchObject({ runs_total: 30 });
    expect(json.tasks[0]?.findings[0]?.evidence.runs.map((r) => r.app_id)).toEqual(['app-25', 'app-26', 'app-27', 'app-28', 'app-29']);
    expect(json.omitted).toEqual([
      '1 of 2 tasks were left out; ask for one task_id at a time.',
      'The evidence of 1 finding(s) lists only its 5 newest runs (runs_total has the count).',
    ]);
  });
});
