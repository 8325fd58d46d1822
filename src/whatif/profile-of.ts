import type { StageProfile } from '../metrics/stage-profile.js';
import type { ApplicationSummary } from '../metrics/summary.js';

/** A run's stage profile, or null when its row has none (older rows, logs without timed tasks). */
export function stageProfileOf(run: ApplicationSummary): StageProfile | null {
  const profile = run.stage_profile;
  return profile && profile.version === 1 && Array.isArray(profile.stages) ? profile : null;
}
