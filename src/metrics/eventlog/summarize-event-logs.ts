import type { ApplicationSummary } from '../summary.js';
import { locateEventLogs } from './locate-event-logs.js';
import { summarizeEventLog, type SummarizeOptions } from './summarize-event-log.js';

export interface SummarizeResult {
  summaries: ApplicationSummary[];
  /** One plain line per input that could not be summarized; the others still were. */
  problems: string[];
}

/**
 * One ApplicationSummary per application attempt found under `paths` (event-log files, or
 * directories searched recursively, or `s3://bucket/prefix` locations; plain, gzip and zstd logs; Spark 3
 * rolling directories).
 * A bad input never stops the others: it becomes a line in `problems`.
 */
export async function summarizeEventLogs(paths: readonly string[], options: SummarizeOptions = {}): Promise<SummarizeResult> {
  const { logs, problems } = await locateEventLogs(paths);
  const summaries: ApplicationSummary[] = [];
  for (const log of logs) {
    const result = await summarizeEventLog(log, options).catch((error: unknown) => ({
      summary: null,
      problems: [`${log.name}: could not be read (${error instanceof Error ? error.message : String(error)}).`],
    }));
    if (result.summary) summaries.push(result.summary);
    problems.push(...result.problems);
  }
  return { summaries, problems };
}
