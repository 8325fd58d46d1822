import { stat } from 'node:fs/promises';
import { readAppEnv } from '../../config/env.js';
import type { McpContext } from '../../mcp/context.js';
import { listenHttp } from '../../mcp/http.js';
import { serveStdio } from '../../mcp/stdio.js';
import { eventLogSource } from '../../metrics/eventlog-source.js';
import { metricsSourceFromEnv } from '../../triggers/metrics-source-from-env.js';
import type { MetricsSourceResult } from '../../triggers/types.js';
import { EXIT, type CliIo } from '../io.js';
import { groupByOption } from './diagnose.js';
import { intOption, parseCommandLine, untilOption, UsageError } from '../usage-error.js';

const USAGE =
  'spark-tuner mcp [--event-logs <dir>] [--group-by airflow|app-name] [--until DATE] [--lookback-days N] [--min-runs N] ' +
  '[--http [--host 127.0.0.1] [--port 3333]]';
const MIN_TOKEN_LENGTH = 16;

/**
 * The MCP server (DESIGN §12): stdio by default, Streamable HTTP at /mcp with `--http` (MCP_TOKEN required).
 * Runs until the client closes stdin, or until SIGINT/SIGTERM for HTTP. Only the protocol goes to stdout.
 */
export async function mcpCommand(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        'event-logs': { type: 'string' },
        'group-by': { type: 'string' },
        until: { type: 'string' },
        'lookback-days': { type: 'string' },
        'min-runs': { type: 'string' },
        http: { type: 'boolean', default: false },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '3333' },
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  const token = env.MCP_TOKEN?.trim() ?? '';
  if (values.http && token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(`--http needs MCP_TOKEN, a secret of at least ${MIN_TOKEN_LENGTH} characters that clients send as "Authorization: Bearer <MCP_TOKEN>".`);
  }
  const ctx: McpContext = {
    metrics: await metricsOption(values['event-logs'], env),
    group_by: groupByOption(values['group-by']),
    clock: values.until === undefined ? () => Date.now() : constant(untilOption(values.until, new Date())),
    lookback_days: values['lookback-days'] === undefined ? null : intOption(values['lookback-days'], 'lookback-days', 14),
    min_runs: values['min-runs'] === undefined ? null : intOption(values['min-runs'], 'min-runs', 3),
    log: (line) => io.stderr(`${line}\n`),
  };
  const metrics = ctx.metrics();
  if (!metrics.ok) io.stderr(`spark-tuner mcp: every tool will answer: ${metrics.message}\n`);
  if (!values.http) {
    await serveStdio(ctx);
    return EXIT.ok;
  }
  const server = await listenHttp(ctx, { host: values.host, port: portOption(values.port), token });
  await new Promise<void>((resolve) => {
    const stop = (): void => void server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}

async function metricsOption(dir: string | undefined, env: Record<string, string | undefined>): Promise<() => MetricsSourceResult> {
  if (dir === undefined) return metricsSourceFromEnv(readAppEnv(env), eventLogSource);
  const stats = await stat(dir).catch(() => null);
  if (!stats) throw new UsageError(`--event-logs ${dir} does not exist.`);
  const result: MetricsSourceResult = { ok: true, source: eventLogSource(dir) };
  return () => result;
}

function portOption(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number from 0 to 65535, not "${value}".`);
  return port;
}

function constant(value: number): () => number {
  return () => value;
}
