import { z } from 'zod';

/** The app's own settings, read from environment variables (DESIGN §7). Probot reads its own variables itself. */
export interface AppEnv {
  metrics_source: 'eventlogs' | 'athena';
  /** Directory of Spark event logs (`METRICS_SOURCE=eventlogs`). */
  event_log_dir: string | null;
  athena: {
    database: string | null;
    table: string | null;
    workgroup: string | null;
    output_location: string | null;
    /** `ATHENA_QUERY_TIMEOUT_SECONDS`: a query still running after this long is stopped; absent means the default. */
    query_timeout_seconds?: number;
  };
  aws_region: string | null;
  /** Unset means the deterministic narrative. */
  bedrock_model_id: string | null;
}

export type AppEnvResult = { ok: true; env: AppEnv } | { ok: false; problems: string[] };

/** Unset and blank (`FOO=` in a `.env` file) both mean "not set". */
const text = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().optional());

const VARIABLES = {
  METRICS_SOURCE: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
    z.enum(['eventlogs', 'athena'], { error: 'METRICS_SOURCE must be `eventlogs` or `athena`.' }).default('eventlogs'),
  ),
  EVENT_LOG_DIR: text,
  ATHENA_DATABASE: text,
  ATHENA_TABLE: text,
  ATHENA_WORKGROUP: text,
  ATHENA_OUTPUT_LOCATION: text.refine((value) => value === undefined || /^s3:\/\/[^/]+/.test(value), {
    error: 'ATHENA_OUTPUT_LOCATION must be an S3 URI such as s3://my-bucket/athena-results/.',
  }),
  ATHENA_QUERY_TIMEOUT_SECONDS: text.refine((value) => value === undefined || (/^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 86_400), {
    error: 'ATHENA_QUERY_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 86400.',
  }),
  AWS_REGION: text.refine((value) => value === undefined || /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value), {
    error: 'AWS_REGION must be a region name such as us-east-1.',
  }),
  BEDROCK_MODEL_ID: text,
};

const SCHEMA = z.object(VARIABLES);

/** Reads and validates the app's settings; each problem is one sentence naming the variable and what to set. */
export function readAppEnv(env: Record<string, string | undefined> = process.env): AppEnvResult {
  const parsed = SCHEMA.safeParse(pick(env));
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  }
  const vars = parsed.data;
  const problems = missingFor(vars);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    env: {
      metrics_source: vars.METRICS_SOURCE,
      event_log_dir: vars.EVENT_LOG_DIR ?? null,
      athena: {
        database: vars.ATHENA_DATABASE ?? null,
        table: vars.ATHENA_TABLE ?? null,
        workgroup: vars.ATHENA_WORKGROUP ?? null,
        output_location: vars.ATHENA_OUTPUT_LOCATION ?? null,
        ...(vars.ATHENA_QUERY_TIMEOUT_SECONDS ? { query_timeout_seconds: Number(vars.ATHENA_QUERY_TIMEOUT_SECONDS) } : {}),
      },
      aws_region: vars.AWS_REGION ?? null,
      bedrock_model_id: vars.BEDROCK_MODEL_ID ?? null,
    },
  };
}

function missingFor(vars: z.infer<typeof SCHEMA>): string[] {
  if (vars.METRICS_SOURCE === 'eventlogs') {
    return vars.EVENT_LOG_DIR ? [] : ['METRICS_SOURCE=eventlogs needs EVENT_LOG_DIR, the directory of Spark event logs.'];
  }
  const problems: string[] = [];
  if (!vars.ATHENA_DATABASE) problems.push('METRICS_SOURCE=athena needs ATHENA_DATABASE, the Glue database of the summary table.');
  if (!vars.ATHENA_TABLE) problems.push('METRICS_SOURCE=athena needs ATHENA_TABLE, the Iceberg table of application summaries.');
  if (!vars.ATHENA_WORKGROUP && !vars.ATHENA_OUTPUT_LOCATION) {
    problems.push('METRICS_SOURCE=athena needs ATHENA_WORKGROUP or ATHENA_OUTPUT_LOCATION, where Athena writes query results.');
  }
  return problems;
}

function pick(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(VARIABLES).map((name) => [name, env[name]]));
}
