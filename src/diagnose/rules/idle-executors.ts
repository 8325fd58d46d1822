import { plural } from '../../format.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { maxOf, percent, round, silent } from '../rule-helpers.js';
import { allocationOf } from '../spark-settings.js';
import type { Recommendation, Rule, RuleOutcome } from '../types.js';

export interface IdleThresholds extends Record<string, number> {
  /** Fire when even the busiest run kept less than this share of its executor slots busy [DataFlint, Sparklens: idle > 50%]. */
  max_slot_utilization: number;
  /** Size executors so the slots would be about this busy. */
  target_utilization: number;
  /** Never cut more than this share in one proposal. */
  max_cut_ratio: number;
  /** Dynamic allocation: fire when no run came within this share of maxExecutors ("max never reached"). */
  max_reached_ratio: number;
  /** … and propose the most executors any run used × this. */
  max_headroom: number;
}

const ID = 'idle-executors';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'slot_utilization', 'executors_max_concurrent', 'executor_instances', 'dynamic_allocation_max_executors', 'executor_cores', 'driver_only_time_ms',
];

export const idleExecutors: Rule<IdleThresholds> = {
  id: ID,
  doc: 'Executor slots sit idle most of the run, or dynamic allocation never nears its max: ask for fewer executors.',
  kind: 'cost',
  defaults: { max_slot_utilization: 0.5, target_utilization: 0.7, max_cut_ratio: 0.5, max_reached_ratio: 0.5, max_headroom: 1.25 },
  evaluate(input, t, metricSource): RuleOutcome {
    const runs = input.successful.filter((run) => run.slot_utilization !== null && (run.executors_max_concurrent ?? 0) > 0 && !localMode(run));
    const latest = input.successful.at(-1);
    if (runs.length < input.min_runs || !latest || runs.length === 0) return silent();
    const util = maxOf(runs, (run) => run.slot_utilization) ?? 1;
    const used = maxOf(runs, (run) => run.executors_max_concurrent) ?? 0;
    const allocation = allocationOf(latest);
    const rec = allocation.dynamic ? dynamicCut(latest, util, used, t) : staticCut(latest, util, t);
    if (!rec) return silent();
    const idle = util < t.max_slot_utilization;
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'cost',
        title: idle
          ? `Executor slots are busy at most ${percent(util)} of the time`
          : `Dynamic allocation never used more than ${used} of ${rec.current ?? 'unlimited'} executors`,
        detail: idle
          ? `Across ${plural(runs.length, 'successful run')} the tasks kept at most ${percent(util)} of the allocated executor cores busy ` +
            `(the rule fires below ${percent(t.max_slot_utilization)}); the rest waited on the driver, on stragglers or on stages with few tasks. ` +
            `${rec.key}=${rec.proposed} would keep about ${percent(t.target_utilization)} of them busy (at most a ${percent(t.max_cut_ratio)} cut per proposal).`
          : `Across ${plural(runs.length, 'successful run')} at most ${used} executors ran at once, never within ${percent(t.max_reached_ratio)} of ` +
            `spark.dynamicAllocation.maxExecutors=${rec.current ?? 'unset'}; ${rec.proposed} keeps ${percent(t.max_headroom - 1)} headroom over the most used.`,
        evidence: evidenceOf(runs, COLUMNS, metricSource, { max_slot_utilization: round(util, 3), max_executors_used: used }),
        recommendations: [rec],
        needs_human: false,
      },
    };
  },
};

/** Static allocation: fewer `spark.executor.instances`. */
function staticCut(latest: ApplicationSummary, util: number, t: IdleThresholds): Recommendation | null {
  const instances = latest.executor_instances;
  if (instances === null || util >= t.max_slot_utilization) return null;
  const proposed = sized(instances, util, t);
  if (proposed >= instances) return null;
  return {
    rule_id: ID,
    key: 'spark.executor.instances',
    current: latest.spark_conf['spark.executor.instances'] ?? String(instances),
    proposed: String(proposed),
    reason: `executor slots were busy at most ${percent(util)} of the time`,
    runtime_effect: `not estimated: stages that kept all ${instances} executors busy may take up to ${round(instances / proposed, 1)}× longer`,
  };
}

/** Dynamic allocation: a lower `spark.dynamicAllocation.maxExecutors` (never below min, initial or instances). */
function dynamicCut(latest: ApplicationSummary, util: number, used: number, t: IdleThresholds): Recommendation | null {
  const a = allocationOf(latest);
  const floor = Math.max(1, a.min, a.initial ?? 0, a.instances ?? 0);
  const current = latest.spark_conf['spark.dynamicAllocation.maxExecutors'] ?? null;
  if (util < t.max_slot_utilization) {
    const proposed = Math.max(sized(used, util, t), floor);
    if (proposed >= used || proposed >= a.max) return null;
    return {
      rule_id: ID,
      key: 'spark.dynamicAllocation.maxExecutors',
      current,
      proposed: String(proposed),
      reason: `the ${used} executors dynamic allocation used were busy at most ${percent(util)} of the time`,
      runtime_effect: `not estimated: stages that kept all ${used} executors busy may take up to ${round(used / proposed, 1)}× longer`,
    };
  }
  if (!Number.isFinite(a.max) || used > t.max_reached_ratio * a.max) return null;
  const proposed = Math.max(Math.ceil(used * t.max_headroom), floor);
  if (proposed >= a.max) return null;
  return {
    rule_id: ID,
    key: 'spark.dynamicAllocation.maxExecutors',
    current,
    proposed: String(proposed),
    reason: `no run used more than ${used} executors`,
    runtime_effect: `none expected: no run used more than ${used} executors`,
  };
}

/** `local` / `local[N]`: tasks ran in the driver. `local-cluster[…]` is not local mode: its executors are their own JVMs. */
function localMode(run: ApplicationSummary): boolean {
  return /^local(\[|$)/.test(run.master ?? '');
}

function sized(executors: number, util: number, t: IdleThresholds): number {
  const byUse = Math.ceil((executors * util) / t.target_utilization);
  const byCut = Math.ceil(executors * (1 - t.max_cut_ratio));
  return Math.max(1, byUse, byCut);
}
