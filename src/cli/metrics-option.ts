import { isAirflowId } from '../config/airflow-id.js';
import { readAppEnv } from '../config/env.js';
import { athenaSettingsFromEnv } from '../metrics/athena/athena-settings.js';
import { athenaSource, type AthenaSource } from '../metrics/athena/athena-source.js';
import { summarizeEventLogs } from '../metrics/eventlog/summarize-event-logs.js';
import { formatBytes } from '../metrics/memory-size.js';
import type { MetricsQuery } from '../metrics/source.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { CliIo } from './io.js';
import { UsageError } from './usage-error.js';

/** Where a command reads its metrics: a directory of event logs, or the Athena table. */
export type MetricsChoice = { kind: 'eventlogs'; dir: string } | { kind: 'athena'; source: AthenaSource };

/**
 * `--event-logs <dir>` or `--metrics athena` (exactly one). Athena reads ATHENA_DATABASE, ATHENA_TABLE,
 * ATHENA_WORKGROUP / ATHENA_OUTPUT_LOCATION and AWS_REGION from the environment; bad or missing settings are a
 * usage error (exit 2). Each query's scanned bytes go to stderr.
 */
export function metricsChoice(
  values: { 'event-logs'?: string | undefined; metrics?: string | undefined },
  io: CliIo,
  usage: string,
  env: Record<string, string | undefined> = process.env,
): MetricsChoice {
  const dir = values['event-logs'];
  const metrics = values.metrics;
  if (metrics !== undefined && metrics !== 'athena') throw new UsageError(`--metrics must be athena, not "${metrics}". Usage: ${usage}`);
  if (metrics !== undefined && dir !== undefined) throw new UsageError(`Give --event-logs <dir> or --metrics athena, not both. Usage: ${usage}`);
  if (metrics === undefined) {
    if (!dir) throw new UsageError(`Give --event-logs <dir> or --metrics athena. Usage: ${usage}`);
    return { kind: 'eventlogs', dir };
  }
  const read = readAppEnv({ ...env, METRICS_SOURCE: 'athena' });
  if (!read.ok) throw new UsageError(`--metrics athena: ${read.problems.join(' ')}`);
  const settings = athenaSettingsFromEnv(read.env);
  if (!settings.ok) throw new UsageError(`--metrics athena: ${settings.message}`);
  const source = athenaSource(settings.settings, {
    onQuery: (entry) =>
      io.stderr(`athena: query ${entry.query_execution_id} returned ${entry.rows} row(s) and scanned ${scanned(entry.bytes_scanned)}.\n`),
  });
  return { kind: 'athena', source };
}

/** The closing stderr line of a command that queried Athena: how many queries, how many bytes in all. */
export function printAthenaTotals(choice: MetricsChoice, io: CliIo): void {
  if (choice.kind !== 'athena') return;
  const { queries, bytes_scanned: bytes } = choice.source.stats();
  io.stderr(`athena: ${queries} ${queries === 1 ? 'query' : 'queries'} scanned ${scanned(bytes)} in total.\n`);
}

function scanned(bytes: number | null): string {
  if (bytes === null) return 'an unreported amount of data';
  return bytes < 1024 ? `${bytes} bytes` : `${formatBytes(bytes)} (${bytes} bytes)`;
}

/**
 * The summaries a command works on. Event logs: every log in the directory (the diagnosis picks the window).
 * Athena: one query for the window and the DAG ids asked. Unreadable inputs are printed on stderr.
 */
export async function loadMetrics(choice: MetricsChoice, query: MetricsQuery, io: CliIo): Promise<ApplicationSummary[]> {
  if (choice.kind === 'athena') {
    const ids = [query.dag_id, query.task_id, ...(query.dag_ids ?? [])].filter((id) => id !== null);
    const bad = ids.find((id) => !isAirflowId(id));
    if (bad !== undefined) throw new UsageError(`"${bad.slice(0, 60)}" is not a valid Airflow id (letters, digits, _, ., -; at most 250).`);
  }
  const { summaries, problems } = choice.kind === 'athena' ? await choice.source.load(query) : await summarizeEventLogs([choice.dir]);
  const prefix = choice.kind === 'athena' ? 'athena' : 'event logs';
  for (const problem of problems) io.stderr(`${prefix}: ${problem}\n`);
  return summaries;
}

/** Where the metrics came from, for messages. */
export function metricsPlace(choice: MetricsChoice): string {
  return choice.kind === 'athena' ? 'the Athena summary table' : choice.dir;
}
