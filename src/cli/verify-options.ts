import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readRepoConfig } from '../config/read-repo-config.js';
import { localRepoFiles } from '../dags/local-repo-files.js';
import type { MetricsQuery } from '../metrics/source.js';
import { git } from '../publish/local/run-git.js';
import type { VerifyThresholds } from '../verify/types.js';
import { verifyLocalRepository, type LocalVerification } from '../verify/verify-local.js';
import type { CliIo } from './io.js';
import { loadMetrics, metricsChoice, printAthenaTotals } from './metrics-option.js';
import { intOption, UsageError } from './usage-error.js';

/** The options `verify` and `report` share (parseArgs form). */
export const LOCAL_VERIFY_OPTIONS = {
  'event-logs': { type: 'string' },
  metrics: { type: 'string' },
  repo: { type: 'string' },
  dag: { type: 'string' },
  'min-runs': { type: 'string' },
  'max-slowdown': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** The parsed values of LOCAL_VERIFY_OPTIONS, as `verify` and `report` pass them on. */
export interface LocalVerifyArgs {
  'event-logs'?: string;
  metrics?: string;
  repo?: string;
  dag?: string;
  'min-runs'?: string;
  'max-slowdown'?: string;
}

/**
 * Shared by `verify` and `report --savings`: check the arguments, read the merged records of the last
 * `verify.window_days`, then ONE metrics query (the event logs, or `--metrics athena` for the records' DAG ids since
 * their earliest evidence), verify. Null, after one line on stderr, when the repository's `verify.enabled` is false.
 * `verify.auto_revert` is not used: reverting is the GitHub App's.
 */
export async function runLocalVerification(args: LocalVerifyArgs, usage: string, io: CliIo): Promise<LocalVerification | null> {
  if (!args.repo) throw new UsageError(`--repo is required. Usage: ${usage}`);
  const choice = metricsChoice(args, io, usage);
  const repoDir = path.resolve(args.repo);
  try {
    await git(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd: repoDir });
  } catch {
    throw new UsageError(`--repo ${repoDir} is not a git repository with at least one commit.`);
  }
  if (choice.kind === 'eventlogs') {
    await stat(choice.dir).catch(() => {
      throw new UsageError(`--event-logs ${choice.dir} does not exist.`);
    });
  }
  const { config, problems } = await readRepoConfig(localRepoFiles(repoDir));
  for (const problem of problems) io.stderr(`config: ${problem}\n`);
  if (!config.verify.enabled) {
    io.stderr('verify.enabled is false in .github/spark-tuner.yml; nothing was verified.\n');
    return null;
  }
  // the repository's `verify:` settings, overridden by the options
  const thresholds: VerifyThresholds = {
    min_runs: intOption(args['min-runs'], 'min-runs', config.verify.min_runs),
    max_slowdown: slowdownOption(args['max-slowdown'], config.verify.max_slowdown),
  };
  const load = (query: MetricsQuery) => loadMetrics(choice, query, io);
  const result = await verifyLocalRepository(repoDir, load, {
    dagId: args.dag, thresholds, prices: config.prices, now: Date.now(), windowDays: config.verify.window_days,
  });
  printAthenaTotals(choice, io);
  for (const note of result.notes) io.stderr(`skipped: ${note}\n`);
  return result;
}

function slowdownOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 10) throw new UsageError(`--max-slowdown must be a share like 0.2 (for +20%), not "${value}".`);
  return parsed;
}
