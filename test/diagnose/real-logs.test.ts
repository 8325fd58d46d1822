import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseAll } from '../../src/diagnose/diagnose-task.js';
import type { TaskDiagnosis } from '../../src/diagnose/types.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import { hasSharedEvents, sharedLog } from '../support/shared-data.js';

const QUALIFICATION = 'NVIDIA-spark-rapids-tools/core/src/test/resources/spark-events-qualification';
const LOGS = [
  ...[1, 2, 3, 4].map((n) => `${QUALIFICATION}/multiple_attempts/attempt_${n}_eventlog.zstd`), // ProcessLargeDataset on EMR
  `${QUALIFICATION}/nds_q72_dataproc_2_2.zstd`, // NDS - Power Run on Dataproc, 40G executors
  'kubeflow-mcp-apache-spark-history-server/examples/basic/events', // NewYorkTaxiData_* on Kubernetes (2 runs)
  'groupon-sparklint/src/test/resources/spark_event_log_example', // MyAppName, Spark 1.5.2 on YARN
];

let diagnoses: TaskDiagnosis[] = [];
const task = (dag: string): TaskDiagnosis | undefined => diagnoses.find((d) => d.dag_id === dag);
const changes = (d: TaskDiagnosis | undefined): string[] => d?.recommendations.map((r) => `${r.key}=${r.current ?? 'unset'}→${r.proposed}`) ?? [];

describe.skipIf(!hasSharedEvents)('diagnose on real event logs (no Airflow linkage: grouped by application name)', () => {
  beforeAll(async () => {
    const { summaries, problems } = await summarizeEventLogs(LOGS.map(sharedLog));
    expect(problems).toEqual([]);
    diagnoses = diagnoseAll(summaries, {
      until: Date.UTC(2026, 10, 20), lookback_days: 5000, min_runs: 1, metric_source: 'eventlogs', group_by: 'app-name',
    });
  });

  it('finds the histories by application name, dates in names folded', () => {
    expect(diagnoses.map((d) => `${d.dag_id}:${d.runs_in_window}`)).toEqual(['MyAppName:1', 'NDS - Power Run:1', 'NewYorkTaxiData_*:2', 'ProcessLargeDataset:4', 'PythonPi:1']);
  });

  it('ProcessLargeDataset (EMR, 4 attempts): cuts 9397M executors peaking at 1.2 GiB, but not the executors its stages fill', () => {
    const d = task('ProcessLargeDataset');
    // slots are busy 18% of the time, but its stages of 30 tasks fill all 10 × 3 slots: 9 executors would save too little
    expect(changes(d)).toEqual(['spark.executor.memory=9397M→5g']);
    expect(d?.notes).toContainEqual(expect.stringMatching(/^idle-executors: slots were busy at most 18% of the time, but no executor cut keeps every run within 10%/));
    expect(d?.impact?.gb_hours_after).toBeLessThan((d?.impact?.gb_hours_before ?? 0) * 0.6);
  });

  it('NDS on Dataproc: 40G executors peaking at 16.8 GiB with 2% GC are cut to 21.5g; the tiny tasks need a person', () => {
    const d = task('NDS - Power Run');
    expect(changes(d)).toEqual(['spark.executor.memory=40G→22016m']);
    expect(d?.findings.find((f) => f.rule_id === 'shuffle-partitions')).toMatchObject({ needs_human: true, recommendations: [] });
  });

  it('NewYorkTaxiData (Kubernetes): a heap filled to 98% with 0.2% GC is left alone', () => {
    const d = task('NewYorkTaxiData_*');
    expect(d?.findings).toEqual([]);
    expect(d?.latest?.executor_peak_jvm_heap_bytes).toBeGreaterThan(0.95 * 4 * 1024 ** 3);
  });

  it('MyAppName (Spark 1.5): GC at 26% without peak metrics is for a person, not a guess', () => {
    const d = task('MyAppName');
    expect(d?.findings.map((f) => [f.rule_id, f.needs_human])).toEqual([['gc-overhead', true]]);
    expect(d?.recommendations).toEqual([]);
    expect(d?.notes.join(' ')).toMatch(/Only 0 of 1 successful runs reported executor peak heap metrics/);
  });
});
