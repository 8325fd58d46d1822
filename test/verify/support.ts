import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateScenario } from '../../src/generator/scenarios.js';
import { VERIFY_RUNS_BEFORE, verifyMergeTime } from '../../src/generator/verify-scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';

export const NOW = new Date('2026-11-21T09:30:00Z');

export interface VerifyHistory {
  dir: string;
  summaries: ApplicationSummary[];
  /** The merge point: 12 hours before the first run after it. */
  mergedAt: number;
  /** The start of the first evidence run and of the last run before the merge. */
  since: number;
  until: number;
}

/** Generates one verify-* scenario into a temporary directory (removed with `cleanup`) and summarizes it. */
export async function verifyHistory(name: string): Promise<VerifyHistory> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spark-tuner-verify-'));
  const files = await generateScenario(name, { outDir: dir, now: NOW });
  const { summaries, problems } = await summarizeEventLogs(files);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const starts = summaries.map((s) => s.start_time ?? 0).sort((a, b) => a - b);
  const first = starts[VERIFY_RUNS_BEFORE] ?? (starts.at(-1) ?? 0) + 86_400_000;
  const mergedAt = verifyMergeTime(first);
  return { dir, summaries, mergedAt, since: starts[0] ?? 0, until: mergedAt };
}

export async function cleanup(history: VerifyHistory): Promise<void> {
  await rm(history.dir, { recursive: true, force: true });
}
