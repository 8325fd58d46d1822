import { describe, expect, it } from 'vitest';
import { applyGuardrails } from '../../src/diagnose/guardrails.js';
import type { Recommendation } from '../../src/diagnose/types.js';
import { ruleInputOf, run, threeRuns } from '../support/runs.js';

const rec = (key: string, current: string | null, proposed: string, rule_id = 'some-rule'): Recommendation => ({ rule_id, key, current, proposed, reason: 'test' });

describe('applyGuardrails', () => {
  it('lowers a heap raise so heap + overhead fit the node, or holds both back when nothing fits', () => {
    const input = ruleInputOf(threeRuns({}, 5), { node_memory_mb: 24_576 });
    // 16g → 22g with a 3g overhead is 25g: the heap is lowered to 21g (21g + 3g = 24g)
    const fitted = applyGuardrails([rec('spark.executor.memory', '16g', '22g'), rec('spark.executor.memoryOverhead', null, '3g')], input);
    expect(fitted.kept.map((r) => `${r.key}=${r.proposed}`)).toEqual(['spark.executor.memory=21g', 'spark.executor.memoryOverhead=3g']);
    expect(fitted.notes).toEqual(['spark.executor.memory is lowered to 21g so heap + overhead fit a 24g node.']);
    const small = ruleInputOf(threeRuns({}, 5), { node_memory_mb: 17_408 });
    const dropped = applyGuardrails([rec('spark.executor.memory', '16g', '20g'), rec('spark.executor.memoryOverhead', null, '2g')], small);
    expect(dropped.kept).toEqual([]);
    expect(dropped.notes[0]).toMatch(/held back: heap \+ overhead would exceed a 17g node/);
    expect(dropped.held_back.map((h) => [h.recommendation.key, h.guardrail, h.reason])).toEqual([
      ['spark.executor.memory', 'node-size', dropped.notes[0]],
      ['spark.executor.memoryOverhead', 'node-size', dropped.notes[0]],
    ]);
    expect(fitted.held_back).toEqual([]);
  });

  it('keeps a cut that still does not fit a node smaller than today’s executors (only raises are held back)', () => {
    const kept = applyGuardrails([rec('spark.executor.memory', '16g', '12g')], ruleInputOf(threeRuns({}, 5), { node_memory_mb: 8192 }));
    expect(kept.kept).toHaveLength(1);
  });

  it('raises a maxExecutors cut to minExecutors, initialExecutors and instances, or drops it', () => {
    const conf = { 'spark.dynamicAllocation.enabled': 'true', 'spark.dynamicAllocation.minExecutors': '6', 'spark.dynamicAllocation.maxExecutors': '20' };
    const input = ruleInputOf(threeRuns({ spark_conf: conf }, 5));
    const raised = applyGuardrails([rec('spark.dynamicAllocation.maxExecutors', '20', '4')], input);
    expect(raised.kept.map((r) => r.proposed)).toEqual(['6']);
    expect(raised.notes[0]).toMatch(/raised from 4 to 6/);
    const tight = ruleInputOf(threeRuns({ spark_conf: { ...conf, 'spark.dynamicAllocation.maxExecutors': '6' } }, 5));
    const held = applyGuardrails([rec('spark.dynamicAllocation.maxExecutors', '6', '4')], tight);
    expect(held.kept).toEqual([]);
    expect(held.held_back.map((h) => `${h.guardrail}: ${h.recommendation.key}=${h.recommendation.proposed}`)).toEqual(['allocation-bounds: spark.dynamicAllocation.maxExecutors=4']);
  });

  it('holds executor-memory changes back when off-heap is enabled in any spelling Spark accepts', () => {
    for (const enabled of ['true', 'True', ' true ', 'TRUE']) {
      const input = ruleInputOf(threeRuns({ spark_conf: { 'spark.memory.offHeap.enabled': enabled, 'spark.memory.offHeap.size': '2g' } }, 5));
      const result = applyGuardrails([rec('spark.executor.memory', '16g', '8g'), rec('spark.sql.shuffle.partitions', '200', '400')], input);
      expect(result.kept.map((r) => r.key), JSON.stringify(enabled)).toEqual(['spark.sql.shuffle.partitions']);
      expect(result.notes).toEqual(['Executor memory is left alone because spark.memory.offHeap.enabled is set explicitly; size it by hand.']);
    }
    const off = ruleInputOf(threeRuns({ spark_conf: { 'spark.memory.offHeap.enabled': 'false' } }, 5));
    expect(applyGuardrails([rec('spark.executor.memory', '16g', '8g')], off).kept).toHaveLength(1);
  });

  it('drops what is already configured and says so', () => {
    const result = applyGuardrails([rec('spark.executor.memory', '16g', '16384m'), rec('spark.sql.adaptive.enabled', 'TRUE', 'true')], ruleInputOf(threeRuns({}, 5)));
    expect(result.kept).toEqual([]);
    expect(result.notes).toEqual(['Already configured as recommended: spark.executor.memory=16g, spark.sql.adaptive.enabled=TRUE.']);
    expect(result.held_back).toEqual([]);
  });

  it('holds back every resource cut after a memory failure, but not raises, fixes of the bounds or other settings', () => {
    const oom = run(4, null, { status: 'failed', failure_causes: [{ cause: 'ExecutorLostFailure (exit code 137)', count: 1 }] });
    const input = ruleInputOf([oom, ...threeRuns({}, 5)]);
    const recs = [
      rec('spark.executor.memory', '16g', '8g'),
      rec('spark.dynamicAllocation.maxExecutors', null, '10', 'idle-executors'),
      rec('spark.executor.memoryOverhead', null, '3g'),
      rec('spark.executor.instances', '8', '6', 'dynamic-allocation-bounds'),
      rec('spark.sql.shuffle.partitions', '200', '400'),
    ];
    const result = applyGuardrails(recs, input);
    expect(result.kept.map((r) => r.key)).toEqual(['spark.executor.memoryOverhead', 'spark.executor.instances', 'spark.sql.shuffle.partitions']);
    expect(result.notes[0]).toBe(
      `No resources are cut: 1 run(s) in the window failed for memory (${oom.app_id}); held back: spark.executor.memory=8g, spark.dynamicAllocation.maxExecutors=10.`,
    );
    expect(result.held_back.map((h) => [h.recommendation, h.guardrail, h.reason])).toEqual([
      [recs[0], 'memory-failure', result.notes[0]],
      [recs[1], 'memory-failure', result.notes[0]],
    ]);
  });
});
