import type { EventLogInput } from './eventlog/group-event-logs.js';
import { lazyS3Client, locateEventLogs } from './eventlog/locate-event-logs.js';
import { fingerprintOf, localLogStore, LogStoreError } from './eventlog/log-store.js';
import { summarizeEventLog, type LogSummary, type SummarizeOptions } from './eventlog/summarize-event-log.js';
import type { MetricsQuery, MetricsResult, MetricsSource } from './source.js';
import type { ApplicationSummary } from './summary.js';

interface CachedLog {
  fingerprint: string;
  result: LogSummary;
}

/**
 * Summaries from a directory of Spark event logs, or an `s3://bucket/prefix` (`METRICS_SOURCE=eventlogs`,
 * `EVENT_LOG_DIR`). Each load re-lists the location; a log whose files have not changed since the last load is not
 * summarized again. Rows match the query's DAG and task (when given) and start within
 * [since, until]; logs that could not be read are listed in `problems`.
 */
export function eventLogSource(dir: string, options: SummarizeOptions = {}): MetricsSource {
  const cache = new Map<string, CachedLog>();
  const s3 = lazyS3Client();
  return {
    name: 'eventlogs',
    async load(query: MetricsQuery): Promise<MetricsResult> {
      const { logs, problems } = await locateEventLogs([dir], s3);
      const summaries: ApplicationSummary[] = [];
      for (const log of logs) {
        const result = await summarizeCached(log, cache, options);
        problems.push(...result.problems);
        if (result.summary && matches(result.summary, query)) summaries.push(structuredClone(result.summary));
      }
      const present = new Set(logs.map((log) => log.name));
      for (const name of cache.keys()) if (!present.has(name)) cache.delete(name);
      return { summaries, problems };
    },
  };
}

/** Whether a row belongs to the query's DAG/task and window. */
export function matches(row: ApplicationSummary, query: MetricsQuery): boolean {
  if (query.dag_id !== null && row.dag_id !== query.dag_id) return false;
  if (query.dag_id === null && query.dag_ids !== undefined && (row.dag_id === null || !query.dag_ids.includes(row.dag_id))) return false;
  if (query.task_id !== null && row.task_id !== query.task_id) return false;
  return row.start_time !== null && row.start_time >= query.since && row.start_time <= query.until;
}

async function summarizeCached(log: EventLogInput, cache: Map<string, CachedLog>, options: SummarizeOptions): Promise<LogSummary> {
  const fingerprint = await fingerprintOf(log.parts, log.store ?? localLogStore).catch(() => null);
  const cached = cache.get(log.name);
  if (fingerprint !== null && cached?.fingerprint === fingerprint) return cached.result;
  const result: LogSummary & { transient?: boolean } = await summarizeEventLog(log, options).catch((error: unknown) => ({
    summary: null,
    problems: [`${log.name}: could not be read (${error instanceof Error ? error.message : String(error)}).`],
    transient: error instanceof LogStoreError,
  }));
  if (fingerprint !== null && !result.transient) cache.set(log.name, { fingerprint, result });
  return result;
}
