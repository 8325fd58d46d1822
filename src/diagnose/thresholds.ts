import type { Rule, Thresholds } from './types.js';

/** Per-rule settings from `.github/spark-tuner.yml` (`rules:`). */
export type RuleOverrides = Record<string, { enabled?: boolean } & Record<string, number | boolean | undefined>>;

export interface ResolvedRule {
  rule: Rule<Thresholds>;
  thresholds: Thresholds;
}

/**
 * The enabled rules with their thresholds: the rule's defaults, overridden by the repository's values
 * for keys the rule knows and of the same type. Other keys are reported as problems.
 */
export function resolveRules(rules: Rule<Thresholds>[], overrides: RuleOverrides = {}): { rules: ResolvedRule[]; problems: string[] } {
  const problems: string[] = [];
  for (const id of Object.keys(overrides)) {
    if (!rules.some((rule) => rule.id === id)) problems.push(`Unknown rule \`${id}\` in rules; it is ignored.`);
  }
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    const override = overrides[rule.id] ?? {};
    if (override.enabled === false) continue;
    const thresholds: Thresholds = { ...rule.defaults };
    for (const [key, value] of Object.entries(override)) {
      if (key === 'enabled' || value === undefined) continue;
      if (!(key in rule.defaults) || typeof value !== typeof rule.defaults[key]) {
        problems.push(`Rule \`${rule.id}\` has no ${typeof value} setting \`${key}\`; it is ignored.`);
        continue;
      }
      thresholds[key] = value;
    }
    resolved.push({ rule, thresholds });
  }
  return { rules: resolved, problems };
}
