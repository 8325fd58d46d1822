import { readFileSync } from 'node:fs';
import Mustache from 'mustache';
import { DEFAULT_REDACTION } from '../../metrics/eventlog/redact-conf.js';
import { redactText } from '../../metrics/eventlog/redact-text.js';
import { templatePath } from '../../paths.js';
import { sourceName } from '../deterministic/overview.js';
import type { NarrativeInput } from '../types.js';
import { analysisPromptData } from './prompt-data.js';

/** The name of the one tool the model answers through (Bedrock forces it; an MCP client may ignore it). */
export const ANALYSIS_TOOL_NAME = 'submit_spark_tuning_analysis';

/** The tuning-analysis prompt: instructions (`system`) and one DAG's redacted data (`user`). */
export interface AnalysisPrompt {
  system: string;
  user: string;
}

const templates = new Map<string, string>();

/**
 * Builds the prompt of DESIGN §4 from the narrator's input: `templates/analysis-prompt/system.md` (role, the five
 * sections, status flags, metric → action guidance, number and formatting rules) and `user.md` (the data as JSON).
 * Pure apart from reading the templates once; the same input always gives the same text. Secrets are redacted before
 * anything is written, and no repository content other than the analyzed Spark settings is included.
 */
export function buildAnalysisPrompt(input: NarrativeInput): AnalysisPrompt {
  const recommendations = input.diagnoses.flatMap((d) =>
    d.recommendations.map((rec) => ({ task_id: d.task_id, key: rec.key, current: rec.current ?? 'unset', proposed: rec.proposed, rule_id: rec.rule_id })),
  );
  const user = render('user.md', {
    dag_id: input.dag_id,
    task_count: input.diagnoses.length,
    source: sourceName(input.metric_source),
    recommendation_count: recommendations.length,
    recommendations,
    data_json: JSON.stringify(analysisPromptData(input), null, 2),
  });
  return {
    system: render('system.md', { tool_name: ANALYSIS_TOOL_NAME }),
    // A last pass: any `"…secret…": "value"` or `password=value` that slipped into a free text is redacted too.
    user: redactText(user, { patterns: [DEFAULT_REDACTION], everything: false }),
  };
}

function render(name: string, view: Record<string, unknown>): string {
  let template = templates.get(name);
  if (template === undefined) {
    template = readFileSync(templatePath(`analysis-prompt/${name}`), 'utf8');
    templates.set(name, template);
  }
  return Mustache.render(template, view, {}, { escape: (value: unknown) => String(value).replace(/[\r\n]+/g, ' ') }).trim() + '\n';
}
