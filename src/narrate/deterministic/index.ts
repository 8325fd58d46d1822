import type { Narrative, NarrativeInput, Narrator } from '../types.js';
import { actionsSection } from './actions.js';
import { configurationSection } from './configuration.js';
import { healthSection } from './health.js';
import { overviewSection } from './overview.js';
import { recommendationsSection } from './recommendations.js';

/** The five sections written from the data alone: the default, and the fallback for a model's answer. */
export function narrateDeterministically(input: NarrativeInput): Narrative {
  return {
    application_overview: overviewSection(input),
    current_configuration: configurationSection(input),
    job_health_summary: healthSection(input),
    resource_recommendations: recommendationsSection(input),
    action_summary: actionsSection(input),
  };
}

export const deterministicNarrator: Narrator = {
  name: 'deterministic',
  narrate: async (input) => ({ narrative: narrateDeterministically(input), narrator: 'deterministic', fallback_reason: null }),
};
