import { z } from 'zod';
import { SECTIONS, type Narrative } from '../types.js';

const section = (title: string) =>
  z.string().trim().min(1, { error: `the section "${title}" is empty` }).max(8000).describe(`The "${title}" section: plain text, paragraphs and "- " bullets.`);

/** One recommendation of the rule engine, as the model repeats it. */
const recommendation = z.object({
  task_id: z.string().describe('The Airflow task id, copied from the data.'),
  key: z.string().describe('The Spark setting, copied exactly from the rule engine\'s recommendations.'),
  current: z.string().nullable().describe('The current value, copied exactly; null when unset.'),
  proposed: z.string().describe('The proposed value, copied exactly.'),
  reason: z.string().trim().min(1).max(1000).describe('One sentence: why, with the evidence from the data.'),
});

/** What the model must answer through the tool: the five sections of DESIGN §4 and the recommendations. */
export const analysisAnswer = z.object({
  application_overview: section('Application overview'),
  current_configuration: section('Current Spark configuration'),
  job_health_summary: section('Job health summary'),
  resource_recommendations: section('Resource recommendations'),
  action_summary: section('Action summary'),
  recommendations: z.array(recommendation).max(100).describe('Every recommendation of the rule engine, and only those.'),
});

export type AnalysisAnswer = z.infer<typeof analysisAnswer>;

/** The tool's input schema (JSON Schema, as Bedrock's `toolSpec.inputSchema.json` takes it). */
export function analysisToolSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(analysisAnswer) as Record<string, unknown>;
  return schema;
}

export function narrativeOf(answer: AnalysisAnswer): Narrative {
  return Object.fromEntries(SECTIONS.map(({ key }) => [key, answer[key]])) as unknown as Narrative;
}
