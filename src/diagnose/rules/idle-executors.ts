import { formatDuration, plural } from '../../format.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { WHATIF_METHOD_SHORT } from '../../whatif/method.js';
import { prepareRun, type PreparedRun } from '../../whatif/predict-run.js';
import { smallestExecutors, type ExecutorCut } from '../../whatif/smallest-executors.js';
import { evidenceOf } from '../evidence.js';
import { DEFAULT_PRICES } from '../impact.js';
import { maxOf, percent, round, silent, undecided } from '../rule-helpers.js';
import { allocationOf } from '../spark-settings.js';
import type { Finding, Recommendation, Rule, RuleOutcome } from '../types.js';
import { dynamicAllocationInstead } from './idle-executors-dynamic.js';

export interface IdleThresholds extends Record<string, number> {
  /** Fire when even the busiest run kept less than this share of its executor slots busy [DataFlint, Sparklens: idle > 50%]. */
  max_slot_utilization: number;
  /** The most a cut may slow any run, as the what-if estimator predicts it (0.1 = 10% longer). */
  max_slowdown: number;
  /** A cut must save at least this share of the cost per run (smaller savings are not worth slowing the runs). */
  min_saving: number;
  /** When no cut fits: propose dynamic allocation if driver-only time is at least this share of the wall time. */
  min_driver_only_share: number;
  /** Dynamic allocation: fire when no run came within this share of maxExecutors ("max never reached"). */
  max_reached_ratio: number;
  /** … and propose the most executors any run used × this. */
  max_headroom: number;
}

const ID = 'idle-executors';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'slot_utilization', 'executors_max_concurrent', 'executor_instances', 'dynamic_allocation_max_executors', 'executor_cores', 'driver_only_time_ms', 'duration_ms',
];

/**
 * Idle executor slots: the smallest executor count whose predicted runtime (src/whatif, replaying each run's stage
 * profile) stays within `max_slowdown` and that saves cost; when none does and the idle time is driver-only time
 * between bursts that need every slot, dynamic allocation instead. Runs without a stage profile are never cut: the
 * rule cannot check what a cut does to their runtime (it says so in a note); "max never reached" needs no profile.
 */
export const idleExecutors: Rule<IdleThresholds> = {
  id: ID,
  doc: 'Executor slots sit idle most of the run, or dynamic allocation never nears its max: ask for fewer executors when the stage timeline says the runs stay within the slowdown limit.',
  kind: 'cost',
  defaults: { max_slot_utilization: 0.5, max_slowdown: 0.1, min_saving: 0.15, min_driver_only_share: 0.25, max_reached_ratio: 0.5, max_headroom: 1.25 },
  evaluate(input, t, metricSource): RuleOutcome {
    const runs = input.successful.filter((run) => run.slot_utilization !== null && (run.executors_max_concurrent ?? 0) > 0 && !localMode(run));
    const latest = input.successful.at(-1);
    if (runs.length < input.min_runs || !latest || runs.length === 0) return silent();
    const util = maxOf(runs, (run) => run.slot_utilization) ?? 1;
    const used = maxOf(runs, (run) => run.executors_max_concurrent) ?? 0;
    const dynamic = allocationOf(latest).dynamic;
    const finding = (title: string, detail: string, recommendations: Recommendation[], values: Record<string, number | string | null> = {}): Finding => ({
      rule_id: ID,
      kind: 'cost',
      title,
      detail,
      evidence: evidenceOf(runs, COLUMNS, metricSource, { max_slot_utilization: round(util, 3), max_executors_used: used, ...values }),
      recommendations,
      needs_human: recommendations.length === 0,
    });
    if (util >= t.max_slot_utilization) return dynamic ? maxUnreached(latest, used, runs.length, t, finding) : silent();
    const prepared = runs.map(prepareRun).filter((p): p is PreparedRun => !('problem' in p));
    if (prepared.length < input.min_runs) {
      const note = `${ID}: slots were busy at most ${percent(util)} of the time, but only ${prepared.length} of ${plural(runs.length, 'run')} have a stage profile; ` +
        `no executor cut is proposed without predicting its runtime.`;
      const outcome = dynamic ? maxUnreached(latest, used, runs.length, t, finding) : silent();
      return { ...outcome, notes: [...outcome.notes, note] };
    }
    const floor = dynamic ? allocationFloor(latest) : 1;
    const today = dynamic ? used : (latest.executor_instances ?? used);
    // one static executor: nothing to cut, and dynamic allocation (at least one executor) releases nothing
    if (!dynamic && today <= floor) return silent();
    const found = smallestExecutors(prepared, today, floor, t.max_slowdown, DEFAULT_PRICES);
    const cut = found && 1 - found.cost_after_usd / found.cost_before_usd >= t.min_saving ? found : null;
    const header = `Across ${plural(runs.length, 'successful run')} the tasks kept at most ${percent(util)} of the allocated executor cores busy ` +
      `(the rule fires below ${percent(t.max_slot_utilization)}).`;
    const values = { max_slowdown: t.max_slowdown, method: WHATIF_METHOD_SHORT };
    if (cut) {
      const rec = cutRecommendation(latest, dynamic, today, cut, util);
      const detail = `${header} Replaying each run's stage timeline (${WHATIF_METHOD_SHORT}), ${rec.key}=${rec.proposed} is the fewest executors ` +
        `that keep every run within ${percent(t.max_slowdown)} of today's runtime and save at least ${percent(t.min_saving)}: ${cutEffect(cut)}, ` +
        `about ${percent(1 - cut.cost_after_usd / cut.cost_before_usd)} less per run.`;
      return { notes: [], finding: finding(`Executor slots are busy at most ${percent(util)} of the time`, detail, [rec], { ...values, predicted_slowdown: round(cut.slowdown, 3) }) };
    }
    const noCut =
      `${ID}: slots were busy at most ${percent(util)} of the time, but no executor cut keeps every run within ${percent(t.max_slowdown)} of its runtime ` +
      `and saves ${percent(t.min_saving)} of the cost (${WHATIF_METHOD_SHORT})`;
    if (dynamic) {
      const outcome = maxUnreached(latest, used, runs.length, t, finding);
      return outcome.finding ? outcome : undecided(`${noCut}.`);
    }
    const nearest = found ? ` (${found.executors} executors would save only ${percent(1 - found.cost_after_usd / found.cost_before_usd)})` : '';
    const instead = dynamicAllocationInstead(latest, prepared, today, t, header, nearest, values);
    if (instead) return { notes: [], finding: finding(instead.title, instead.detail, instead.recommendations, instead.values) };
    return undecided(`${noCut}; a person has to look.`);
  },
};

function cutRecommendation(latest: ApplicationSummary, dynamic: boolean, today: number, cut: ExecutorCut, util: number): Recommendation {
  const key = dynamic ? 'spark.dynamicAllocation.maxExecutors' : 'spark.executor.instances';
  return {
    rule_id: ID,
    key,
    current: latest.spark_conf[key] ?? (dynamic ? null : String(today)),
    proposed: String(cut.executors),
    reason: `executor slots were busy at most ${percent(util)} of the time; ${cut.executors} executors keep the predicted runtime within ${percent(cut.slowdown)} of today's`,
    runtime_effect: `predicted ${cutEffect(cut)} (${WHATIF_METHOD_SHORT})`,
  };
}

/** "20 min → 21 min per run (+5% at most)". */
function cutEffect(cut: ExecutorCut): string {
  const mean = (pick: (r: ExecutorCut['replays'][number]) => number): number => cut.replays.reduce((s, r) => s + pick(r), 0) / cut.replays.length;
  return `${formatDuration(mean((r) => r.wall_ms_before))} → ${formatDuration(mean((r) => r.wall_ms_after))} per run on average, at most ${percent(cut.slowdown)} longer`;
}

/** Dynamic allocation whose max no run came near: a lower max, above what any run used (no runtime effect). */
function maxUnreached(latest: ApplicationSummary, used: number, runs: number, t: IdleThresholds, finding: (title: string, detail: string, recs: Recommendation[]) => Finding): RuleOutcome {
  const a = allocationOf(latest);
  if (!a.dynamic || !Number.isFinite(a.max) || used > t.max_reached_ratio * a.max) return silent();
  const proposed = Math.max(Math.ceil(used * t.max_headroom), allocationFloor(latest));
  if (proposed >= a.max) return silent();
  const current = latest.spark_conf['spark.dynamicAllocation.maxExecutors'] ?? null;
  const rec: Recommendation = {
    rule_id: ID,
    key: 'spark.dynamicAllocation.maxExecutors',
    current,
    proposed: String(proposed),
    reason: `no run used more than ${used} executors`,
    runtime_effect: `none expected: no run used more than ${used} executors`,
  };
  const detail = `Across ${plural(runs, 'successful run')} at most ${used} executors ran at once, never within ${percent(t.max_reached_ratio)} of ` +
    `spark.dynamicAllocation.maxExecutors=${current ?? 'unset'}; ${proposed} keeps ${percent(t.max_headroom - 1)} headroom over the most used.`;
  return { notes: [], finding: finding(`Dynamic allocation never used more than ${used} of ${current ?? 'unlimited'} executors`, detail, [rec]) };
}

/** Dynamic allocation never goes below min, initial or instances. */
function allocationFloor(latest: ApplicationSummary): number {
  const a = allocationOf(latest);
  return Math.max(1, a.min, a.initial ?? 0, a.instances ?? 0);
}

/** `local` / `local[N]`: tasks ran in the driver. `local-cluster[…]` is not local mode: its executors are their own JVMs. */
function localMode(run: ApplicationSummary): boolean {
  return /^local(\[|$)/.test(run.master ?? '');
}
