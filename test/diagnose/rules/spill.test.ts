import { describe, expect, it } from 'vitest';
import { spill as rule } from '../../../src/diagnose/rules/spill.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, run, threeRuns } from '../../support/runs.js';

const GIB = 1024 ** 3;
const spilling = (spilledGib: number, extra: Partial<ApplicationSummary> = {}): Partial<ApplicationSummary> => ({
  input_bytes: 10 * GIB,
  shuffle_read_bytes: 10 * GIB,
  memory_bytes_spilled: spilledGib * GIB,
  disk_bytes_spilled: (spilledGib * GIB) / 3,
  stages_with_spill: 2,
  shuffle_partitions: 200,
  max_task_skew_ratio: 1.5,
  spark_conf: { 'spark.executor.memory': '16g', 'spark.sql.shuffle.partitions': '200' },
  ...extra,
});

describe('rule spill', () => {
  it('doubles the shuffle partitions when most runs spill a tenth of what they read', () => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(spilling(4))), rule.defaults, 'eventlogs').finding;
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.sql.shuffle.partitions', current: '200', proposed: '400' })]);
    expect(finding?.evidence.values).toMatchObject({ max_spill_ratio: 0.2, runs_affected: 3, skewed: 'no' });
    expect(finding?.recommendations[0]?.runtime_effect).toMatch(/^faster/);
  });

  it.each([
    ['the runs are skewed', spilling(4, { max_task_skew_ratio: 9 })],
    ['the spill is not in a shuffle', spilling(4, { shuffle_read_bytes: 0 })],
  ])('asks for more executor memory when %s', (_why, overrides) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding;
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.executor.memory', current: '16g', proposed: '20g' })]);
  });

  it('counts millisecond jitter as no skew: a stage of 20 ms tasks with a 900 ms one still gets more partitions', () => {
    const jitter = spilling(4, { max_task_skew_ratio: 45, skew_stage_id: 3, skew_stage_task_max_ms: 900 });
    const finding = rule.evaluate(ruleInputOf(threeRuns(jitter)), rule.defaults, 'eventlogs').finding;
    expect(finding?.recommendations.map((r) => r.key)).toEqual(['spark.sql.shuffle.partitions']);
  });

  it.each([
    ['spill below a tenth of the bytes read', threeRuns(spilling(1.9))],
    ['spill in only 1 of 3 runs', [run(3, null, spilling(4)), run(2, null, spilling(0)), run(1, null, spilling(0))]],
    ['fewer than min_runs runs', threeRuns(spilling(4)).slice(1)],
  ])('stays silent with %s', (_why, runs) => {
    expect(rule.evaluate(ruleInputOf(runs), rule.defaults, 'eventlogs').finding).toBeNull();
  });

  it('uses the repository threshold', () => {
    const runs = threeRuns(spilling(1.9));
    expect(rule.evaluate(ruleInputOf(runs), { ...rule.defaults, min_spill_ratio: 0.05 }, 'eventlogs').finding).not.toBeNull();
  });
});
