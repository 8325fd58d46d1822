import type { AppEnv } from '../../config/env.js';

/** Where and how the Athena source queries the summary table. */
export interface AthenaSettings {
  database: string;
  table: string;
  /** Athena workgroup; null means the account's `primary`. */
  workgroup: string | null;
  /** S3 URI for query results; null when the workgroup sets it. */
  output_location: string | null;
  /** Null: the SDK's own region resolution. */
  region: string | null;
  /** A query still queued or running after this long is stopped (StopQueryExecution). */
  timeout_ms: number;
  /** Waits between GetQueryExecution polls: the first, then doubling up to the cap. */
  poll: { first_ms: number; max_ms: number };
  /** Every Athena call is retried on throttling and 5xx up to `max_attempts`, with capped exponential backoff. */
  retry: { max_attempts: number; base_ms: number; max_delay_ms: number };
}

export const ATHENA_DEFAULTS = {
  timeout_ms: 300_000,
  poll: { first_ms: 250, max_ms: 5_000 },
  retry: { max_attempts: 10, base_ms: 200, max_delay_ms: 20_000 },
} as const satisfies Pick<AthenaSettings, 'timeout_ms' | 'poll' | 'retry'>;

/** Glue/Athena database and table names: letters, digits and underscores (they are quoted, never user input). */
const IDENTIFIER = /^[A-Za-z0-9_]{1,255}$/;
const WORKGROUP = /^[A-Za-z0-9._-]{1,128}$/;

export type AthenaSettingsResult = { ok: true; settings: AthenaSettings } | { ok: false; message: string };

/** The Athena settings from the app's environment (ATHENA_*, AWS_REGION), or one sentence saying what to fix. */
export function athenaSettingsFromEnv(env: AppEnv): AthenaSettingsResult {
  const { database, table, workgroup, output_location: output, query_timeout_seconds: timeout } = env.athena;
  if (database === null) return fail('ATHENA_DATABASE is not set; set it to the Glue database of the summary table.');
  if (table === null) return fail('ATHENA_TABLE is not set; set it to the Iceberg table of application summaries.');
  if (!IDENTIFIER.test(database)) return fail(`ATHENA_DATABASE must be a Glue database name (letters, digits, _), not "${database}".`);
  if (!IDENTIFIER.test(table)) return fail(`ATHENA_TABLE must be a table name (letters, digits, _), not "${table}".`);
  if (workgroup !== null && !WORKGROUP.test(workgroup)) {
    return fail(`ATHENA_WORKGROUP must be a workgroup name (letters, digits, ., _, -), not "${workgroup}".`);
  }
  if (workgroup === null && output === null) {
    return fail('Set ATHENA_WORKGROUP or ATHENA_OUTPUT_LOCATION, where Athena writes query results.');
  }
  return {
    ok: true,
    settings: {
      database,
      table,
      workgroup,
      output_location: output,
      region: env.aws_region,
      ...ATHENA_DEFAULTS,
      timeout_ms: timeout === undefined ? ATHENA_DEFAULTS.timeout_ms : timeout * 1000,
    },
  };
}

/** `"database"."table"`, both validated identifiers. */
export function quotedTable(settings: Pick<AthenaSettings, 'database' | 'table'>): string {
  if (!IDENTIFIER.test(settings.database) || !IDENTIFIER.test(settings.table)) {
    throw new Error('Athena database and table names must be letters, digits and underscores.');
  }
  return `"${settings.database}"."${settings.table}"`;
}

function fail(message: string): AthenaSettingsResult {
  return { ok: false, message };
}
