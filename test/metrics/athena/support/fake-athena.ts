import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApplicationSummary } from '../../../../src/metrics/summary.js';
import { athenaRow, TABLE_COLUMNS, type FakeColumn } from './athena-rows.js';

/** What the fake does with the next queries; change it between tests with `configure`. */
export interface FakeAthenaBehaviour {
  /** The table's rows; a query gets those matching its window, DAG ids and task (read from its parameters). */
  table: ApplicationSummary[];
  columns: FakeColumn[];
  /** GetQueryExecution answers RUNNING this many times before the final state (Infinity: never finishes). */
  running_polls: number;
  final_state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  state_change_reason: string | null;
  bytes_scanned: number;
  /** Rows per GetQueryResults page at most (the header row counts in the first page), below the client's MaxResults. */
  page_size: number;
  /** The first `times` calls of `target` fail with this error (`status` 400 with an AWS error type, or 5xx). */
  failures: { target: string; times: number; type: string; status: number } | null;
}

export interface FakeCall {
  target: string;
  body: Record<string, unknown>;
}

export interface FakeAthena {
  url: string;
  calls: FakeCall[];
  configure(behaviour: Partial<FakeAthenaBehaviour>): void;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULTS: FakeAthenaBehaviour = {
  table: [],
  columns: TABLE_COLUMNS,
  running_polls: 0,
  final_state: 'SUCCEEDED',
  state_change_reason: null,
  bytes_scanned: 1_048_576,
  page_size: 1000,
  failures: null,
};

interface Execution {
  sql: string;
  parameters: string[];
  polls: number;
  stopped: boolean;
  rows: (string | null)[][];
}

/**
 * A local stand-in for Amazon Athena speaking AWS JSON 1.1 (`POST /`, `X-Amz-Target: AmazonAthena.<Operation>`):
 * StartQueryExecution, GetQueryExecution, GetQueryResults (paged by NextToken) and StopQueryExecution. The real
 * AthenaClient reaches it through AWS_ENDPOINT_URL_ATHENA.
 */
export async function startFakeAthena(): Promise<FakeAthena> {
  let behaviour: FakeAthenaBehaviour = { ...DEFAULTS };
  const calls: FakeCall[] = [];
  const executions = new Map<string, Execution>();
  let failed = 0;

  function handle(target: string, body: Record<string, unknown>, res: ServerResponse): void {
    calls.push({ target, body });
    const failure = behaviour.failures;
    if (failure && failure.target === target && failed < failure.times) {
      failed += 1;
      return send(res, failure.status, { __type: failure.type, message: 'Rate exceeded' }, failure.type);
    }
    switch (target) {
      case 'StartQueryExecution':
        return send(res, 200, { QueryExecutionId: start(body) });
      case 'GetQueryExecution':
        return send(res, 200, { QueryExecution: describe(String(body.QueryExecutionId)) });
      case 'GetQueryResults':
        return send(res, 200, results(String(body.QueryExecutionId), body.NextToken as string | undefined, Number(body.MaxResults ?? 1000)));
      case 'StopQueryExecution': {
        const execution = executions.get(String(body.QueryExecutionId));
        if (execution) execution.stopped = true;
        return send(res, 200, {});
      }
      default:
        return send(res, 400, { __type: 'InvalidRequestException', message: `Unknown operation ${target}` }, 'InvalidRequestException');
    }
  }

  function start(body: Record<string, unknown>): string {
    const id = `q-${executions.size + 1}`;
    const parameters = (body.ExecutionParameters as string[] | undefined) ?? [];
    const sql = String(body.QueryString);
    const matching = behaviour.table.filter((row) => matches(row, sql, parameters));
    executions.set(id, { sql, parameters, polls: 0, stopped: false, rows: matching.map((row) => athenaRow(row, behaviour.columns)) });
    return id;
  }

  function describe(id: string): Record<string, unknown> {
    const execution = executions.get(id);
    if (!execution) throw new Error(`no query ${id}`);
    execution.polls += 1;
    const state = execution.stopped ? 'CANCELLED' : execution.polls <= behaviour.running_polls ? 'RUNNING' : behaviour.final_state;
    const reason = execution.stopped ? 'Query cancelled by user' : behaviour.state_change_reason;
    return {
      QueryExecutionId: id,
      Query: execution.sql,
      Status: { State: state, ...(reason && state !== 'RUNNING' ? { StateChangeReason: reason } : {}), SubmissionDateTime: 1_764_000_000 },
      Statistics: state === 'SUCCEEDED' ? { DataScannedInBytes: behaviour.bytes_scanned, EngineExecutionTimeInMillis: 1234 } : {},
    };
  }

  function results(id: string, token: string | undefined, maxResults: number): Record<string, unknown> {
    const execution = executions.get(id);
    if (!execution) throw new Error(`no query ${id}`);
    const header = behaviour.columns.map((column) => column.name);
    const all = [header, ...execution.rows];
    const offset = token === undefined ? 0 : Number(token.replace('page-', ''));
    const size = Math.min(maxResults, behaviour.page_size);
    const page = all.slice(offset, offset + size);
    const next = offset + size < all.length ? `page-${offset + size}` : undefined;
    return {
      ResultSet: {
        Rows: page.map((row) => ({ Data: row.map((value) => (value === null ? {} : { VarCharValue: value })) })),
        ResultSetMetadata: {
          ColumnInfo: behaviour.columns.map((column) => ({ CatalogName: 'hive', Name: column.name, Label: column.name, Type: column.type, Nullable: 'UNKNOWN' })),
        },
      },
      UpdateCount: 0,
      ...(next ? { NextToken: next } : {}),
    };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '').replace('AmazonAthena.', '');
      try {
        handle(target, text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), res);
      } catch (error) {
        send(res, 400, { __type: 'InvalidRequestException', message: (error as Error).message }, 'InvalidRequestException');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    configure(next) {
      behaviour = { ...behaviour, ...next };
      failed = 0;
    },
    reset() {
      behaviour = { ...DEFAULTS };
      calls.length = 0;
      executions.clear();
      failed = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function send(res: ServerResponse, status: number, body: object, errorType?: string): void {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': 'fake-request',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(JSON.stringify(body));
}

/**
 * Applies the WHERE clause of spark-tuner's summary query as Athena would, from its parameters: the window
 * (`start_time` between the first two), then `dag_id = ?` / `dag_id IN (…)` and `task_id = ?` in that order.
 */
function matches(row: ApplicationSummary, sql: string, parameters: string[]): boolean {
  const values = parameters.map((parameter) => parameter.replace(/^'|'$/g, '').replaceAll("''", "'"));
  const [since = '', until = '', ...rest] = values;
  const time = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);
  if (row.start_time === null || row.start_time < time(since) || row.start_time > time(until)) return false;
  const inList = /"dag_id" IN \(([?, ]+)\)/.exec(sql);
  const dagCount = inList ? (inList[1]?.split('?').length ?? 1) - 1 : sql.includes('"dag_id" = ?') ? 1 : 0;
  const dagIds = rest.slice(0, dagCount);
  if (dagCount > 0 && (row.dag_id === null || !dagIds.includes(row.dag_id))) return false;
  const task = sql.includes('"task_id" = ?') ? rest[dagCount] : undefined;
  return task === undefined || row.task_id === task;
}
