import { describe, expect, it } from 'vitest';
import { looksAlike } from '../../src/dags/look-alike-keys.js';

describe('looksAlike', () => {
  it.each([
    ['spark.executors.memory', true],
    ['spark.executor.memroy', true],
    ['spark.Executor.Memory', true],
    ['spark.executor.memor', true],
    ['spark.executor.memory', true],
    ['spark.executor.cores', false],
    ['spark.driver.memory', false],
    ['spark.executor.memoryOverhead', false],
  ])('%s looks like spark.executor.memory: %s', (candidate, expected) => {
    expect(looksAlike(candidate, 'spark.executor.memory')).toBe(expected);
  });

  it('does not take two real keys that differ in two letters for a typo', () => {
    expect(looksAlike('spark.dynamicAllocation.minExecutors', 'spark.dynamicAllocation.maxExecutors')).toBe(false);
  });
});
