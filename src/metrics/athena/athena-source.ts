import type { AthenaClient } from '@aws-sdk/client-athena';
import type { MetricsQuery, MetricsResult, MetricsSource, MetricsStats } from '../source.js';
import { fromTableRow } from '../table-row.js';
import { athenaClient } from './athena-client.js';
import { athenaFailure } from './athena-errors.js';
import type { AthenaSettings } from './athena-settings.js';
import { readResults } from './read-results.js';
import { runQuery } from './run-query.js';
import { summaryQuery } from './summary-query.js';

/** What each finished query cost, for the log. */
export interface AthenaQueryLog {
  query_execution_id: string;
  /** Athena bills by it. Null when not reported. */
  bytes_scanned: number | null;
  rows: number;
  /** Running totals of this source, this query included. */
  total_queries: number;
  total_bytes_scanned: number;
}

export interface AthenaSourceOptions {
  /** A client to use instead of one built from the settings. */
  client?: AthenaClient;
  /** Called after every query that finished (the app logs it, the CLI prints it). */
  onQuery?: (entry: AthenaQueryLog) => void;
}

/** The metrics source for `METRICS_SOURCE=athena`, with its running totals. */
export interface AthenaSource extends MetricsSource {
  readonly name: 'athena';
  stats(): MetricsStats;
}

/**
 * Summaries from the Athena (Iceberg) summary table: one parameterized query per load, for the window's
 * partitions, the catalog's columns and the DAG ids asked for. Every failure, from Athena or from its rows, is a
 * MetricsError with one sentence; a row that cannot be read becomes a problem and the rest are still used.
 */
export function athenaSource(settings: AthenaSettings, options: AthenaSourceOptions = {}): AthenaSource {
  const client = options.client ?? athenaClient(settings);
  const totals: MetricsStats = { queries: 0, bytes_scanned: 0 };
  return {
    name: 'athena',
    stats: () => ({ ...totals }),
    async load(query: MetricsQuery): Promise<MetricsResult> {
      try {
        const statement = summaryQuery(settings, query);
        if (statement === null) return { summaries: [], problems: [] };
        const run = await runQuery(client, statement, settings);
        totals.queries += 1;
        totals.bytes_scanned += run.bytes_scanned ?? 0;
        const result: MetricsResult = { summaries: [], problems: [] };
        let rows = 0;
        for await (const row of readResults(client, run.query_execution_id)) {
          rows += 1;
          try {
            result.summaries.push(fromTableRow(row));
          } catch (error) {
            result.problems.push(`Athena row ${String(row.app_id ?? '?')}/${String(row.attempt_id ?? '-')}: ${(error as Error).message}`);
          }
        }
        options.onQuery?.({
          query_execution_id: run.query_execution_id,
          bytes_scanned: run.bytes_scanned,
          rows,
          total_queries: totals.queries,
          total_bytes_scanned: totals.bytes_scanned,
        });
        return result;
      } catch (error) {
        throw athenaFailure(error, settings.retry.max_attempts);
      }
    },
  };
}
