/** How much one answer may hold, so that a busy task's history does not flood an assistant's context. */
export const LIMITS = {
  /** Tasks listed by list_tasks. */
  tasks: 200,
  /** Summary rows returned by get_task_metrics (the newest). */
  rows: 20,
  /** Characters of get_task_metrics' rows as JSON; fewer rows are returned past it. */
  row_chars: 120_000,
  /** Tasks diagnosed in one answer of diagnose_task or the prompt. */
  diagnosed_tasks: 20,
  /** Runs listed in a finding's evidence (the newest). */
  evidence_runs: 20,
  /** Characters of a unified diff. */
  diff_chars: 100_000,
} as const;

/** The newest items that fit both a count and a character budget (as JSON), newest first. */
export function newestThatFit<T>(newestFirst: T[], maxItems: number, maxChars: number): T[] {
  const kept: T[] = [];
  let chars = 0;
  for (const item of newestFirst.slice(0, maxItems)) {
    chars += JSON.stringify(item).length;
    if (kept.length > 0 && chars > maxChars) break;
    kept.push(item);
  }
  return kept;
}
