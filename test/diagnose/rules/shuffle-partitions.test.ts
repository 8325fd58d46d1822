import { describe, expect, it } from 'vitest';
import { shufflePartitions as rule } from '../../../src/diagnose/rules/shuffle-partitions.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, threeRuns } from '../../support/runs.js';

const MIB = 1024 ** 2;
const shaped = (tasks: number, p50: number, shuffleMib: number, partitions: number): Partial<ApplicationSummary> => ({
  tasks_total: tasks,
  task_duration_p50_ms: p50,
  shuffle_write_bytes: shuffleMib * MIB,
  shuffle_partitions: partitions,
  spark_conf: { 'spark.executor.memory': '16g', 'spark.sql.shuffle.partitions': String(partitions) },
});

describe('rule shuffle-partitions', () => {
  it.each([
    // 8 executors × 4 cores = 32 slots; 6 GiB / 128 MiB = 48 → 64 (two waves)
    ['6000 tasks of 200 ms for 6 GiB of shuffle', shaped(6200, 200, 6144, 6000), 'cost', '64'],
    // 100 MiB needs 1 partition, but one per slot: 32
    ['6000 tasks of 200 ms for 100 MiB of shuffle', shaped(6200, 200, 100, 6000), 'cost', '32'],
    // 40 GiB / 128 MiB = 320 partitions, already a whole number of waves
    ['tasks of 6 minutes for 40 GiB in 40 partitions', shaped(80, 360_000, 40_960, 40), 'reliability', '320'],
    // 2 GiB / 128 MiB = 16 < 2 × 40: doubles, to 96 (three waves)
    ['tasks of 6 minutes for 2 GiB in 40 partitions', shaped(80, 360_000, 2048, 40), 'reliability', '96'],
  ])('sizes the partitions when %s', (_why, overrides, kind, proposed) => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding;
    expect(finding?.kind).toBe(kind);
    expect(finding?.recommendations).toEqual([expect.objectContaining({ key: 'spark.sql.shuffle.partitions', proposed })]);
  });

  it('asks a person when the tiny tasks are not the shuffle partitions', () => {
    const finding = rule.evaluate(ruleInputOf(threeRuns(shaped(6200, 200, 100_000, 200))), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: true, recommendations: [] });
    expect(finding?.detail).toMatch(/spark.sql.files.maxPartitionBytes/);
  });

  it.each([
    ['4000 tasks of 200 ms', shaped(4000, 200, 6144, 4000)],
    ['6000 tasks of 2 s', shaped(6200, 2000, 6144, 6000)],
    ['a median of 4 minutes', shaped(80, 240_000, 40_960, 40)],
    ['no task quantiles', { ...shaped(6200, 200, 6144, 6000), task_duration_p50_ms: null }],
  ])('stays silent with %s', (_why, overrides) => {
    expect(rule.evaluate(ruleInputOf(threeRuns(overrides)), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
