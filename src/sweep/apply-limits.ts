import type { RepoConfig } from '../config/repo-config-types.js';

/** What the limits allow for one proposal, in publishing order. */
export type LimitDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * `limits` of the config, as Renovate's `prHourlyLimit`/`prConcurrentLimit`: `prs_per_sweep` caps the pull
 * requests opened by one sweep, `open_prs` the spark-tuner pull requests open at once. Updating a pull request
 * that is already open adds none, so it is always allowed.
 */
export function createLimiter(limits: RepoConfig['limits'], openNow: number): {
  decide(hasOpenPr: boolean): LimitDecision;
  /** Records that a pull request was opened. */
  opened(): void;
} {
  let opened = 0;
  let open = openNow;
  return {
    decide(hasOpenPr) {
      if (hasOpenPr) return { allowed: true };
      if (opened >= limits.prs_per_sweep) {
        return { allowed: false, reason: `held back: this sweep already opened ${opened} pull request(s) (limits.prs_per_sweep: ${limits.prs_per_sweep})` };
      }
      if (open >= limits.open_prs) {
        return { allowed: false, reason: `held back: ${open} spark-tuner pull request(s) are open (limits.open_prs: ${limits.open_prs})` };
      }
      return { allowed: true };
    },
    opened() {
      opened += 1;
      open += 1;
    },
  };
}
