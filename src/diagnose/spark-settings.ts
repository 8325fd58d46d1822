import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';

/** Settings whose values are Spark memory sizes (`8g`, `5632m`). */
const MEMORY_KEYS = new Set([
  'spark.executor.memory',
  'spark.executor.memoryOverhead',
  'spark.driver.memory',
  'spark.driver.memoryOverhead',
]);

const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** The value a run was configured with, as Spark reported it, or null when unset. */
export function confValue(run: ApplicationSummary | undefined, key: string): string | null {
  return run?.spark_conf[key] ?? null;
}

/** Whether two values of a setting mean the same to Spark (`8g` = `8192m`, `true` = `TRUE`, `30s` = `30000ms`). */
export function sameSetting(key: string, a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.trim() === b.trim()) return true;
  if (MEMORY_KEYS.has(key)) {
    const [x, y] = [parseMemoryMb(a), parseMemoryMb(b)];
    return x !== null && x === y;
  }
  const [bx, by] = [a.trim().toLowerCase(), b.trim().toLowerCase()];
  if (bx === by) return true;
  const [dx, dy] = [durationMs(bx), durationMs(by)];
  return dx !== null && dx === dy;
}

/** A Spark duration (`30s`, `5000ms`, or a bare number in the key's unit, read as given) in ms, or null. */
function durationMs(text: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|min|h)?$/.exec(text);
  if (!match?.[1]) return null;
  return Number(match[1]) * (match[2] ? (DURATION_MS[match[2]] ?? 1) : 1);
}

/** Executor counts of dynamic allocation as Spark resolves them (unset max is unbounded). */
export interface Allocation {
  dynamic: boolean;
  min: number;
  initial: number | null;
  max: number;
  instances: number | null;
}

/** The allocation settings of a run's configuration, with `overrides` (key → value) applied. */
export function allocationOf(run: ApplicationSummary, overrides: Record<string, string> = {}): Allocation {
  const get = (key: string): string | undefined => overrides[key] ?? run.spark_conf[key];
  const count = (key: string): number | null => {
    const text = get(key);
    return text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : null;
  };
  return {
    dynamic: get('spark.dynamicAllocation.enabled')?.trim().toLowerCase() === 'true',
    min: count('spark.dynamicAllocation.minExecutors') ?? 0,
    initial: count('spark.dynamicAllocation.initialExecutors'),
    max: count('spark.dynamicAllocation.maxExecutors') ?? Number.POSITIVE_INFINITY,
    instances: count('spark.executor.instances'),
  };
}

/** The broken invariants of a dynamic-allocation configuration (`min ≤ initial ≤ max`, `instances ≤ max`). */
export function allocationProblems(a: Allocation): string[] {
  if (!a.dynamic) return [];
  const problems: string[] = [];
  if (a.min > a.max) problems.push(`minExecutors ${a.min} > maxExecutors ${a.max}`);
  if (a.initial !== null && a.min > a.initial) problems.push(`minExecutors ${a.min} > initialExecutors ${a.initial}`);
  if (a.initial !== null && a.initial > a.max) problems.push(`initialExecutors ${a.initial} > maxExecutors ${a.max}`);
  if (a.instances !== null && a.instances > a.max) problems.push(`executor.instances ${a.instances} > maxExecutors ${a.max}`);
  return problems;
}

/** Spark's version as [major, minor], or null. */
export function sparkMinor(version: string | null): [number, number] | null {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** Whether a Spark version is at least major.minor (unknown versions are not). */
export function atLeast(version: string | null, major: number, minor: number): boolean {
  const v = sparkMinor(version);
  return v !== null && (v[0] > major || (v[0] === major && v[1] >= minor));
}
