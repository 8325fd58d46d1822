import type { FoundSetting } from './family.js';

/**
 * Notes for keys a task sets that look like a misspelling of `key` (`spark.executors.memory` for
 * `spark.executor.memory`): Spark does not read them as `key`, so they are never edited, only pointed out.
 */
export function lookAlikeNotes(settings: FoundSetting[], key: string, taskId: string): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const setting of settings) {
    if (setting.key === key || seen.has(setting.key) || !looksAlike(setting.key, key)) continue;
    seen.add(setting.key);
    notes.push(`task ${taskId} also sets ${setting.key} (line ${setting.line}), which looks like a misspelling of ${key}; `
      + 'Spark does not read it as that setting, so it was left as it is');
  }
  return notes;
}

/** The same key but for case, or one typo away (a letter added, dropped, changed, or two swapped) in a long key. */
export function looksAlike(candidate: string, key: string): boolean {
  if (candidate.toLowerCase() === key.toLowerCase()) return true;
  if (key.length < 12 || Math.abs(candidate.length - key.length) > 1) return false;
  return typoDistance(candidate, key) <= 1;
}

/** Optimal string alignment distance (Levenshtein with swaps of neighbours). */
function typoDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Number.POSITIVE_INFINITY;
}
