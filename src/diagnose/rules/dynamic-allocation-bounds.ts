import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { silent } from '../rule-helpers.js';
import { allocationOf, allocationProblems, type Allocation } from '../spark-settings.js';
import type { Recommendation, Rule, RuleOutcome } from '../types.js';

const ID = 'dynamic-allocation-bounds';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'dynamic_allocation_enabled', 'dynamic_allocation_min_executors', 'dynamic_allocation_initial_executors',
  'dynamic_allocation_max_executors', 'executor_instances', 'executors_max_concurrent',
];

const KEYS = {
  min: 'spark.dynamicAllocation.minExecutors',
  initial: 'spark.dynamicAllocation.initialExecutors',
  instances: 'spark.executor.instances',
} as const;

/**
 * Dynamic allocation with contradicting bounds [NVIDIA spark-rapids-tools #2051]: Spark starts with
 * max(min, initial, instances) executors, refuses to start when min > max, and an initial or instances
 * count above max asks for executors it then releases. The fix keeps maxExecutors (the ceiling the
 * team chose) and moves the others inside it.
 */
export const dynamicAllocationBounds: Rule<Record<string, number>> = {
  id: ID,
  doc: 'Dynamic allocation bounds contradict each other (min > initial, initial > max, instances > max): fix the invariant.',
  kind: 'reliability',
  defaults: {},
  evaluate(input, _t, metricSource): RuleOutcome {
    const latest = input.runs.at(-1);
    if (!latest) return silent();
    const current = allocationOf(latest);
    const problems = allocationProblems(current);
    if (problems.length === 0) return silent();
    const fixed = fix(current);
    const recs: Recommendation[] = [];
    const add = (field: keyof typeof KEYS, value: number | null): void => {
      if (value === null || value === current[field]) return;
      recs.push({
        rule_id: ID,
        key: KEYS[field],
        current: latest.spark_conf[KEYS[field]] ?? null,
        proposed: String(value),
        reason: `keeps min ≤ initial ≤ max and instances ≤ max (${problems.join('; ')})`,
        runtime_effect: 'none expected: Spark clamps to maxExecutors anyway after the start',
      });
    };
    add('min', fixed.min);
    add('initial', fixed.initial);
    add('instances', fixed.instances);
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'reliability',
        title: `Dynamic allocation bounds contradict each other: ${problems.join('; ')}`,
        detail:
          'Spark starts with max(minExecutors, initialExecutors, executor.instances) executors and never keeps more than maxExecutors; ' +
          `a minimum above the maximum stops the application from starting. Keeping maxExecutors=${current.max} and moving the other bounds inside it makes the configuration mean what it says.`,
        evidence: evidenceOf([latest], COLUMNS, metricSource, { problems: problems.join('; ') }),
        recommendations: recs,
        needs_human: recs.length === 0,
      },
    };
  },
};

/** The bounds moved inside maxExecutors: min ≤ initial ≤ max, instances ≤ max. */
export function fix(a: Allocation): Allocation {
  const min = Math.min(a.min, a.max);
  const initial = a.initial === null ? null : Math.min(Math.max(a.initial, min), a.max);
  const instances = a.instances === null ? null : Math.min(a.instances, a.max);
  return { ...a, min, initial, instances };
}
