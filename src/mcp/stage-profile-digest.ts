import type { StageProfile } from '../metrics/stage-profile.js';
import type { ApplicationSummary } from '../metrics/summary.js';

/** What is left of a row's `stage_profile` when whole rows would not fit an answer. */
export interface StageProfileDigest {
  digest: true;
  /** Stage attempts the profile holds, and those it left out with their task time. */
  stages: number;
  omitted_stages: number;
  omitted_task_ms: number;
  /** The driver-only intervals the profile lists, summed. */
  driver_only_ms: number;
}

/** The row with its `stage_profile` (if any) replaced by its digest; every other column as it was. */
export function withProfileDigest(row: ApplicationSummary): Omit<ApplicationSummary, 'stage_profile'> & { stage_profile: StageProfileDigest | null } {
  return { ...row, stage_profile: row.stage_profile ? digestOf(row.stage_profile) : null };
}

function digestOf(profile: StageProfile): StageProfileDigest {
  return {
    digest: true,
    stages: profile.stages.length,
    omitted_stages: profile.omitted_stages,
    omitted_task_ms: profile.omitted_task_ms,
    driver_only_ms: profile.driver_only.reduce((sum, [from, to]) => sum + (to - from), 0),
  };
}
