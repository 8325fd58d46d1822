import { describe, expect, it } from 'vitest';
import { diagnoseAll } from '../../src/diagnose/diagnose-task.js';
import { narrateDeterministically } from '../../src/narrate/deterministic/index.js';
import { renderPrBody } from '../../src/narrate/render-pr-body.js';
import { SECTIONS, type NarrativeInput } from '../../src/narrate/types.js';
import { NOW, run } from '../support/runs.js';

function input(appName: string): NarrativeInput {
  const runs = [3, 2, 1].map((d, i) => run(d, [5.1, 5.4, 5.2][i] ?? 5, { app_name: appName }));
  return {
    dag_id: 'daily_sales',
    file_path: 'dags/daily_sales.py',
    diagnoses: diagnoseAll(runs, { until: NOW, lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' }),
    edits: [{ task_id: 'load_orders', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 12 }],
    edit_notes: [],
    metric_source: 'eventlogs',
  };
}

describe('renderPrBody', () => {
  const data = input('daily_sales.load_orders');
  const body = renderPrBody(data, narrateDeterministically(data), { narrator: 'deterministic', fingerprint: 'abc123' });

  it('opens with the change table: setting, current, proposed, evidence', () => {
    expect(body).toContain('| load_orders | `spark.executor.memory` | `16g` | `8g` | peak heap 5.4 GiB over 3 runs is 34% of 16g |');
  });

  it('has the five sections in order', () => {
    const positions = SECTIONS.map(({ title }) => body.indexOf(`### ${title}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows the impact, a Mermaid chart and per-run evidence', () => {
    expect(body).toMatch(/\| load_orders \| 20 min → \*\*20 min\*\* \| 46\.9 → \*\*23\.5\*\* \| 10\.7 → 10\.7 \| \$0\.83 → \*\*\$0\.70\*\* \| as measured \(executors and cores unchanged\) \|/);
    expect(body).toContain('predicted by replaying each run\'s stage timeline: stage-timeline replay v1');
    expect(body).not.toMatch(/as if/);
    expect(body).toContain('```mermaid\nxychart-beta\n    title "load_orders: executor heap (GiB)"');
    expect(body).toContain('    bar [5.1, 5.4, 5.2]\n    line [16, 16, 16]\n    line [8, 8, 8]');
    expect(body).toMatch(/<summary>Evidence: 3 runs<\/summary>/);
    expect(body).toContain('| load_orders | `application_1700000000000_0997 (attempt 1)` | 2026-11-17 | succeeded | 20 min | executor memory 16g, peak heap 5.1 GiB |');
  });

  it('ends with the hidden fingerprint marker', () => {
    expect(body.trimEnd().endsWith('<!-- spark-tuner:fingerprint=abc123 -->')).toBe(true);
  });

  it('escapes whatever the data holds: an application named like a script', () => {
    const hostile = input("<script>alert('XSS')</script> @admins");
    const text = renderPrBody(hostile, narrateDeterministically(hostile), { narrator: 'deterministic', fingerprint: 'f' });
    expect(text).not.toContain('<script>');
    expect(text).toContain("&lt;script&gt;alert('XSS')&lt;/script&gt; @&#8203;admins");
  });

  it('says who wrote the analysis when a model was asked, and why its answer was not used', () => {
    expect(body).not.toContain('The analysis below was written');
    const model = renderPrBody(data, narrateDeterministically(data), { narrator: 'bedrock (model-x)', fingerprint: 'f' });
    expect(model).toContain('<sub>The analysis below was written by Amazon Bedrock (model-x) and checked against the data');
    const fallback = renderPrBody(data, narrateDeterministically(data), {
      narrator: 'deterministic',
      fallback_reason: 'Amazon Bedrock\'s answer was not used because it wrote numbers the data does not hold (999g)',
      fingerprint: 'f',
    });
    expect(fallback).toContain(
      "<sub>The analysis below was written by spark-tuner's deterministic renderer: Amazon Bedrock's answer was not used because it wrote numbers the data does not hold (999g).</sub>\n\n### Application overview",
    );
  });
});
