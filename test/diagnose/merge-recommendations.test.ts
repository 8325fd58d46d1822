import { describe, expect, it } from 'vitest';
import { mergeRecommendations } from '../../src/diagnose/merge-recommendations.js';
import type { Finding, FindingKind } from '../../src/diagnose/types.js';

function finding(rule_id: string, kind: FindingKind, recs: [string, string][], needs_human = false): Finding {
  return {
    rule_id, kind, title: rule_id, detail: '', needs_human,
    evidence: { runs: [], spark_versions: [], metric_source: 'eventlogs', values: {} },
    recommendations: recs.map(([key, proposed]) => ({ rule_id, key, current: '8g', proposed, reason: rule_id })),
  };
}

describe('mergeRecommendations', () => {
  it('keeps the reliability fix over a cost cut on the same key, and says so', () => {
    const merged = mergeRecommendations([
      finding('executor-memory-overprovisioned', 'cost', [['spark.executor.memory', '6g']]),
      finding('gc-overhead', 'reliability', [['spark.executor.memory', '10g']]),
    ]);
    expect(merged.recommendations.map((r) => `${r.rule_id}:${r.proposed}`)).toEqual(['gc-overhead:10g']);
    expect(merged.notes).toEqual(['spark.executor.memory: gc-overhead proposes 10g and executor-memory-overprovisioned 6g; 10g is kept (reliability wins over cost).']);
  });

  it('keeps the larger of two fixes of the same kind', () => {
    const merged = mergeRecommendations([
      finding('gc-overhead', 'reliability', [['spark.executor.memory', '10g']]),
      finding('executor-memory-underprovisioned', 'reliability', [['spark.executor.memory', '12g']]),
    ]);
    expect(merged.recommendations.map((r) => r.proposed)).toEqual(['12g']);
    expect(merged.notes[0]).toMatch(/the larger, safer value wins/);
  });

  it('ignores the suggestions of findings that need a person, and keeps one value per key without a note when rules agree', () => {
    const merged = mergeRecommendations([
      finding('spill', 'reliability', [['spark.sql.shuffle.partitions', '400']]),
      finding('shuffle-partitions', 'reliability', [['spark.sql.shuffle.partitions', '400']]),
      finding('task-failures', 'reliability', [['spark.shuffle.io.maxRetries', '10']], true),
    ]);
    expect(merged.recommendations.map((r) => `${r.key}=${r.proposed}`)).toEqual(['spark.sql.shuffle.partitions=400']);
    expect(merged.notes).toEqual([]);
  });
});
