import type { ApplicationSummary } from './summary.js';

export interface MetricsQuery {
  dag_id: string | null;
  task_id: string | null;
  /**
   * When `dag_id` is null: only rows of these DAG ids (a sweep asks once per repository for the DAGs its files
   * define). Absent means every DAG id; an empty list means none.
   */
  dag_ids?: readonly string[];
  /** Window start and end, epoch ms. */
  since: number;
  until: number;
}

export interface MetricsResult {
  summaries: ApplicationSummary[];
  /** Inputs that could not be read (one plain line each); the rest were still used. */
  problems: string[];
}

/** What a source's queries cost so far (Athena bills by the bytes it scans). */
export interface MetricsStats {
  queries: number;
  bytes_scanned: number;
}

/** Where summaries come from: event logs on disk, or the Athena table. */
export interface MetricsSource {
  readonly name: 'eventlogs' | 'athena';
  load(query: MetricsQuery): Promise<MetricsResult>;
  /** Running totals since the source was built (sources that scan billed data: the Athena table). */
  stats?(): MetricsStats;
}
