import {
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { MetricsError } from '../metrics-error.js';
import type { AthenaSettings } from './athena-settings.js';
import type { ParameterizedQuery } from './summary-query.js';

/** A query that finished: its id (to read the results) and what Athena billed. */
export interface FinishedQuery {
  query_execution_id: string;
  /** `Statistics.DataScannedInBytes`; null when Athena did not report it. */
  bytes_scanned: number | null;
  /** Athena's own engine time, when reported. */
  engine_ms: number | null;
}

type RunSettings = Pick<AthenaSettings, 'workgroup' | 'output_location' | 'timeout_ms' | 'poll'>;

/**
 * Starts a parameterized query and waits for it: polls GetQueryExecution with exponential backoff (capped); a
 * query still queued or running at the timeout is stopped with StopQueryExecution. FAILED and CANCELLED become
 * a MetricsError carrying Athena's StateChangeReason.
 */
export async function runQuery(client: AthenaClient, query: ParameterizedQuery, settings: RunSettings): Promise<FinishedQuery> {
  const deadline = Date.now() + settings.timeout_ms;
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: query.sql,
      ExecutionParameters: query.parameters,
      ...(settings.workgroup !== null ? { WorkGroup: settings.workgroup } : {}),
      ...(settings.output_location !== null ? { ResultConfiguration: { OutputLocation: settings.output_location } } : {}),
    }),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new MetricsError('Athena did not return a query execution id for the summary query.');
  let delay = settings.poll.first_ms;
  for (;;) {
    const { QueryExecution: execution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = execution?.Status?.State;
    if (state === 'SUCCEEDED') return finished(id, execution);
    if (state === 'FAILED' || state === 'CANCELLED') throw endedError(id, state, execution);
    if (Date.now() + delay > deadline) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      throw new MetricsError(
        `The Athena query ${id} did not finish within ${duration(settings.timeout_ms)} and was stopped; try again later or narrow the lookback window.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, settings.poll.max_ms);
  }
}

function finished(id: string, execution: QueryExecution | undefined): FinishedQuery {
  const statistics = execution?.Statistics;
  return {
    query_execution_id: id,
    bytes_scanned: statistics?.DataScannedInBytes ?? null,
    engine_ms: statistics?.EngineExecutionTimeInMillis ?? null,
  };
}

function endedError(id: string, state: 'FAILED' | 'CANCELLED', execution: QueryExecution | undefined): MetricsError {
  const reason = execution?.Status?.StateChangeReason?.trim().replace(/\s+/g, ' ') || 'Athena gave no reason';
  const verb = state === 'FAILED' ? 'failed' : 'was cancelled';
  return new MetricsError(`The Athena query ${id} ${verb}: ${reason.replace(/\.$/, '')}.`);
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
