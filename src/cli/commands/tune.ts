import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isSelected } from '../../config/id-glob.js';
import { readRepoConfig } from '../../config/read-repo-config.js';
import { localRepoFiles } from '../../dags/local-repo-files.js';
import { summarizeEventLogs } from '../../metrics/eventlog/summarize-event-logs.js';
import { isS3Url } from '../../metrics/s3/s3-location.js';
import { git } from '../../publish/local/run-git.js';
import { EXIT, type CliIo } from '../io.js';
import { tuneLocalDag, type LocalTuneOutcome } from '../tune-local-dag.js';
import { intOption, parseCommandLine, untilOption, UsageError } from '../usage-error.js';

const USAGE = 'spark-tuner tune --event-logs <dir|s3://bucket/prefix> --repo <git dir> [--dag D] [--dry-run] [--until DATE] [--lookback-days N]';

/** The whole pipeline on a local clone: one commit on `spark-tuner/<dag_id>` per DAG to tune, PR body on stdout. */
export async function tuneCommand(argv: string[], io: CliIo, now = new Date()): Promise<number> {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        'event-logs': { type: 'string' },
        repo: { type: 'string' },
        dag: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        until: { type: 'string' },
        'lookback-days': { type: 'string' },
        'min-runs': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  if (!values['event-logs'] || !values.repo) throw new UsageError(`--event-logs and --repo are required. Usage: ${USAGE}`);
  const repoDir = path.resolve(values.repo);
  await requireGitRepository(repoDir);
  if (!isS3Url(values['event-logs'])) await requireExists(values['event-logs'], '--event-logs');

  const repo = localRepoFiles(repoDir);
  const { config, problems: configProblems } = await readRepoConfig(repo);
  for (const problem of configProblems) io.stderr(`config: ${problem}\n`);
  const metrics = await summarizeEventLogs([values['event-logs']]);
  for (const problem of metrics.problems) io.stderr(`event logs: ${problem}\n`);
  io.stderr(`Summarized ${metrics.summaries.length} Spark application attempt(s) from ${values['event-logs']}.\n`);

  const dagIds = values.dag
    ? [values.dag]
    : [...new Set(metrics.summaries.flatMap((s) => (s.dag_id ? [s.dag_id] : [])))].filter((id) => isSelected(id, config.include, config.exclude)).sort();
  if (dagIds.length === 0) {
    io.stderr('No run in these event logs names its Airflow DAG (spark.airflow.dag_id); nothing to tune.\n');
    return EXIT.failed;
  }
  const outcomes: LocalTuneOutcome[] = [];
  for (const dagId of dagIds) {
    outcomes.push(
      await tuneLocalDag({
        dagId,
        repoDir,
        repo,
        summaries: metrics.summaries,
        config,
        until: untilOption(values.until, now),
        lookbackDays: intOption(values['lookback-days'], 'lookback-days', config.lookback_days),
        minRuns: intOption(values['min-runs'], 'min-runs', config.min_runs),
        dryRun: values['dry-run'] || config.dry_run,
        separator: dagIds.length > 1,
        io,
      }),
    );
  }
  return worstExit(outcomes);
}

function worstExit(outcomes: LocalTuneOutcome[]): number {
  if (outcomes.includes('failed')) return EXIT.failed;
  if (outcomes.includes('refused')) return EXIT.refused;
  return EXIT.ok;
}

async function requireGitRepository(dir: string): Promise<void> {
  try {
    await git(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd: dir });
  } catch {
    throw new UsageError(`--repo ${dir} is not a git repository with at least one commit.`);
  }
}

async function requireExists(target: string, option: string): Promise<void> {
  try {
    await stat(target);
  } catch {
    throw new UsageError(`${option} ${target} does not exist.`);
  }
}
