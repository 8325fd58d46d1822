import type { StageProfile, StageProfileStage } from '../../../src/metrics/stage-profile.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';

/**
 * A run's summary row cut to the window [fromMs, toMs] (ms since the application started): the stages that ran
 * entirely inside it and its driver-only intervals, shifted to start at 0, and a duration of toMs − fromMs. The
 * estimator then predicts that window alone — executor start-up and warm-up before `fromMs` are left out.
 */
export function measuredPart(run: ApplicationSummary, fromMs: number, toMs: number): ApplicationSummary {
  const profile = run.stage_profile;
  if (!profile) throw new Error(`${run.app_id} has no stage profile`);
  const stages: StageProfileStage[] = profile.stages
    .filter((s) => s.submit_ms >= fromMs && s.complete_ms <= toMs)
    .map((s) => ({ ...s, submit_ms: s.submit_ms - fromMs, complete_ms: s.complete_ms - fromMs }));
  const driverOnly = profile.driver_only
    .map(([a, b]): [number, number] => [Math.max(a, fromMs) - fromMs, Math.min(b, toMs) - fromMs])
    .filter(([a, b]) => b > a);
  const cut: StageProfile = { ...profile, stages, driver_only: driverOnly, omitted_stages: 0, omitted_task_ms: 0 };
  return { ...run, stage_profile: cut, duration_ms: toMs - fromMs };
}

/** The stage attempt with the most tasks (the workload's main stage). */
export function mainStage(run: ApplicationSummary): StageProfileStage {
  const stages = run.stage_profile?.stages ?? [];
  const main = stages.reduce<StageProfileStage | undefined>((best, s) => (!best || s.tasks > best.tasks ? s : best), undefined);
  if (!main) throw new Error(`${run.app_id} has no stages`);
  return main;
}
