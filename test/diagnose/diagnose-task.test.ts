import { describe, expect, it } from 'vitest';
import { diagnoseAll } from '../../src/diagnose/diagnose-task.js';
import type { DiagnoseOptions } from '../../src/diagnose/diagnose-task.js';
import { NOW, run } from '../support/runs.js';

const options: DiagnoseOptions = { until: NOW, lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' };

describe('diagnoseAll', () => {
  it('recommends 16g → 8g with its impact for a task that uses a third of its memory', () => {
    const [diagnosis] = diagnoseAll([run(3, 5.1), run(2, 5.4), run(1, 5.2)], options);
    expect(diagnosis?.recommendations.map((r) => `${r.key}=${r.current}→${r.proposed}`)).toEqual(['spark.executor.memory=16g→8g']);
    expect(diagnosis?.successful_runs_in_window).toBe(3);
    // 8 executors × 1/3 h × heap + default overhead: (16384 + 1638) MiB before, (8192 + 819) MiB after
    expect(diagnosis?.impact?.gb_hours_before).toBeCloseTo((8 / 3) * (18022 / 1024), 3);
    expect(diagnosis?.impact?.gb_hours_after).toBeCloseTo((8 / 3) * (9011 / 1024), 3);
    expect(diagnosis?.impact?.core_hours_after).toBeCloseTo(10.67, 1);
    expect(diagnosis?.impact?.cost_after_usd).toBeLessThan(diagnosis?.impact?.cost_before_usd ?? 0);
  });

  it('needs min_runs successful runs inside the window', () => {
    const [diagnosis] = diagnoseAll([run(20, 5), run(2, 5.4), run(1, 5.2)], options);
    expect(diagnosis?.recommendations).toEqual([]);
    expect(diagnosis?.notes).toEqual([expect.stringMatching(/^Not enough runs yet: only 2 successful run\(s\) of daily_sales.load_orders/)]);
  });

  it('says when every run is older than the window', () => {
    const [diagnosis] = diagnoseAll([run(30, 5), run(29, 5), run(28, 5)], options);
    expect(diagnosis?.notes[0]).toMatch(/^No run of daily_sales.load_orders started in the 14-day window ending 2026-11-20: the runs are older than the window/);
  });

  it('never cuts memory of a task that failed for memory in the window', () => {
    const oom = run(4, null, { status: 'failed', oom_failures: 3 });
    const [diagnosis] = diagnoseAll([oom, run(3, 5.1), run(2, 5.4), run(1, 5.2)], options);
    expect(diagnosis?.findings).toHaveLength(1);
    expect(diagnosis?.recommendations).toEqual([]);
    expect(diagnosis?.notes.join(' ')).toMatch(/No resources are cut: 1 run\(s\) in the window failed for memory/);
  });

  it('leaves executor memory alone when PySpark memory is set explicitly', () => {
    const conf = { 'spark.executor.memory': '16g', 'spark.executor.pyspark.memory': '2g' };
    const runs = [3, 2, 1].map((d) => run(d, 5, { spark_conf: conf }));
    const [diagnosis] = diagnoseAll(runs, options);
    expect(diagnosis?.recommendations).toEqual([]);
    expect(diagnosis?.notes).toContain('Executor memory is left alone because spark.executor.pyspark.memory is set explicitly; size it by hand.');
  });

  it('applies per-repository thresholds and can disable a rule', () => {
    const runs = [run(3, 11), run(2, 11), run(1, 11)]; // 69% of 16g
    expect(diagnoseAll(runs, options)[0]?.recommendations).toHaveLength(1);
    const stricter = { ...options, rules: { 'executor-memory-overprovisioned': { max_peak_ratio: 0.6 } } };
    expect(diagnoseAll(runs, stricter)[0]?.recommendations).toEqual([]);
    const disabled = { ...options, rules: { 'executor-memory-overprovisioned': { enabled: false } } };
    expect(diagnoseAll(runs, disabled)[0]?.findings).toEqual([]);
  });

  it('filters by dag and task, and ignores runs without Airflow linkage', () => {
    const other = run(1, 5, { dag_id: 'hourly_events', task_id: 'aggregate' });
    const orphan = run(1, 5, { dag_id: null, task_id: null });
    const diagnoses = diagnoseAll([run(1, 5), other, orphan], options, { dag_id: 'hourly_events' });
    expect(diagnoses.map((d) => `${d.dag_id}.${d.task_id}`)).toEqual(['hourly_events.aggregate']);
  });
});
