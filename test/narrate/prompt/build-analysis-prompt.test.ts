import { describe, expect, it } from 'vitest';
import { ANALYSIS_TOOL_NAME, buildAnalysisPrompt } from '../../../src/narrate/prompt/build-analysis-prompt.js';
import { SECTIONS } from '../../../src/narrate/types.js';
import { PLANTED_SECRETS, sampleInput, secretInput } from './sample-input.js';

describe('buildAnalysisPrompt', () => {
  const prompt = buildAnalysisPrompt(sampleInput());

  it('names the five sections in order, the status flags and the tool in the system part', () => {
    const positions = SECTIONS.map(({ title }) => prompt.system.indexOf(title));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(prompt.system).toContain('[CRITICAL]');
    expect(prompt.system).toContain(ANALYSIS_TOOL_NAME);
    expect(prompt.system).not.toContain('daily_sales');
  });

  it('puts the rule engine\'s recommendations and the data as JSON in the user part', () => {
    expect(prompt.user).toContain('- load_orders: `spark.executor.memory` 16g → 8g (executor-memory-overprovisioned)');
    const json = /BEGIN DATA\n([\s\S]*)\nEND DATA/.exec(prompt.user)?.[1];
    const data = JSON.parse(json ?? 'null');
    expect(data.dag_id).toBe('daily_sales');
    expect(data.tasks[0].recommendations[0]).toMatchObject({ key: 'spark.executor.memory', current: '16g', proposed: '8g' });
    expect(data.tasks[0].history).toHaveLength(3);
    expect(data.tasks[0].impact.cost_per_run).toEqual({ before: '$0.83', after: '$0.70', change: '-$0.14' });
  });

  it('is reproducible: the same input gives the same text', () => {
    expect(buildAnalysisPrompt(sampleInput())).toEqual(prompt);
  });

  it('redacts secrets in spark_conf and failure texts, and leaves out settings that are not tuned', () => {
    const planted = buildAnalysisPrompt(secretInput());
    const text = `${planted.system}\n${planted.user}`;
    for (const secret of PLANTED_SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('extraJavaOptions');
    expect(text).toContain('"spark.dynamicAllocation.maxExecutors": "*********(redacted)"');
    expect(text).toContain('jdbc:postgresql://etl:*********(redacted)@db.internal/sales');
  });
});
