import type { ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import { narrateDeterministically } from '../../../src/narrate/deterministic/index.js';
import { ANALYSIS_TOOL_NAME } from '../../../src/narrate/prompt/build-analysis-prompt.js';
import type { NarrativeInput } from '../../../src/narrate/types.js';

/** A correct answer: the model's own wording around the data's numbers, and the rule engine's recommendations. */
export function goodAnswer(input: NarrativeInput): Record<string, unknown> {
  const sections = narrateDeterministically(input);
  return {
    application_overview: `MODEL: ${sections.application_overview}`,
    current_configuration: `MODEL: ${sections.current_configuration}`,
    job_health_summary: `MODEL: [WARN] ${sections.job_health_summary}`,
    resource_recommendations: `MODEL: ${sections.resource_recommendations}`,
    action_summary: `MODEL: ${sections.action_summary}`,
    recommendations: input.diagnoses.flatMap((d) =>
      d.recommendations.map((rec) => ({ task_id: d.task_id, key: rec.key, current: rec.current, proposed: rec.proposed, reason: rec.reason })),
    ),
  };
}

/** A Converse response that calls the analysis tool with `input`. */
export function toolResponse(input: unknown, stopReason = 'tool_use'): ConverseResponse {
  return {
    output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 't-1', name: ANALYSIS_TOOL_NAME, input: input as never } }] } },
    stopReason: stopReason as never,
    usage: { inputTokens: 1200, outputTokens: 800, totalTokens: 2000 },
    metrics: { latencyMs: 900 },
  };
}

/** A Converse response with plain text and no tool call. */
export function textResponse(text: string, stopReason: string): ConverseResponse {
  return {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: stopReason as never,
    usage: { inputTokens: 1200, outputTokens: 20, totalTokens: 1220 },
    metrics: { latencyMs: 300 },
  };
}
