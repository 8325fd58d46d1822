import pino from 'pino';
import { createProbot } from 'probot';
import { readAppEnv } from '../../config/env.js';
import { eventLogSource } from '../../metrics/eventlog-source.js';
import { narratorFromEnv } from '../../narrate/bedrock/from-env.js';
import { formatBytes } from '../../metrics/memory-size.js';
import { planProposal } from '../../pipeline/plan-proposal.js';
import { createBotLogin } from '../../publish/github/bot-login.js';
import { dashboardHooks } from '../../sweep/dashboard-hooks.js';
import { sweepAll } from '../../sweep/sweep-all.js';
import { sweepOctokit } from '../../sweep/sweep-octokit.js';
import { summaryText } from '../../sweep/summary-text.js';
import type { SweepSummary } from '../../sweep/types.js';
import { metricsSourceFromEnv } from '../../triggers/metrics-source-from-env.js';
import { EXIT, type CliIo } from '../io.js';
import { parseCommandLine, untilOption } from '../usage-error.js';

const USAGE = 'spark-tuner sweep [--json] [--until DATE]';

/**
 * One scheduled pass as the GitHub App, for an external scheduler (cron, EventBridge, a CI schedule): the same
 * environment as `npm start` (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, GHE_HOST, METRICS_SOURCE, EVENT_LOG_DIR…).
 * Prints what it did; exits 0, or 1 when nothing could be swept. The app's log goes to stderr.
 */
export async function sweepCommand(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseCommandLine(
    { args: argv, options: { json: { type: 'boolean', default: false }, until: { type: 'string' } }, strict: true, allowPositionals: false },
    USAGE,
  );
  const until = values.until === undefined ? null : untilOption(values.until, new Date());
  if (!env.APP_ID?.trim()) {
    io.stderr('spark-tuner sweep: APP_ID is not set; set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) as for `npm start`.\n');
    return EXIT.failed;
  }
  const log = pino({ name: 'spark-tuner', level: env.LOG_LEVEL?.trim() || 'warn' }, pino.destination(2));
  const probot = createProbot({ env, overrides: { Octokit: sweepOctokit(), log } });
  const appEnv = readAppEnv(env);
  const metricsSource = metricsSourceFromEnv(appEnv, eventLogSource);
  // One pass = one Bedrock token budget (BEDROCK_MAX_TOKENS_PER_SWEEP); deterministic when BEDROCK_MODEL_ID is unset.
  const narration = narratorFromEnv(env, log);
  for (const problem of narration.problems) log.error(problem);
  const narrator = narration.forSweep();
  const botLogin = createBotLogin(() => probot.auth());
  const summary = await sweepAll({
    app: probot,
    metricsSource,
    planner: (request) => planProposal({ ...request, narrator: request.narrator ?? narrator }),
    clock: () => until ?? Date.now(),
    botLogin,
    log,
    hooks: dashboardHooks(botLogin, log),
  });
  io.stdout(values.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
  printScanned(metricsSource, io);
  return nothingSwept(summary) ? EXIT.failed : EXIT.ok;
}

/** True when the pass could not sweep anything: a fatal error, or every installation and repository failed. */
export function nothingSwept(summary: SweepSummary): boolean {
  if (summary.fatal !== null) return true;
  const attempted = summary.reports.length + summary.failures.length;
  const failed = summary.reports.filter((report) => report.status === 'failed').length + summary.failures.length;
  return attempted > 0 && failed === attempted;
}

/** Athena bills by bytes scanned: the pass's total on stderr. */
function printScanned(metricsSource: ReturnType<typeof metricsSourceFromEnv>, io: CliIo): void {
  const result = metricsSource();
  const stats = result.ok ? result.source.stats?.() : undefined;
  if (!stats || stats.queries === 0) return;
  io.stderr(`athena: ${stats.queries} ${stats.queries === 1 ? 'query' : 'queries'} scanned ${formatBytes(stats.bytes_scanned)} in this sweep.\n`);
}
