import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isSelected } from '../../config/id-glob.js';
import { readRepoConfig } from '../../config/read-repo-config.js';
import { localRepoFiles } from '../../dags/local-repo-files.js';
import { listDagIds } from '../../dags/list-dag-ids.js';
import { lookbackWindow } from '../../diagnose/history.js';
import { isS3Url } from '../../metrics/s3/s3-location.js';
import { git } from '../../publish/local/run-git.js';
import { EXIT, type CliIo } from '../io.js';
import { narratorOption } from '../narrator-option.js';
import { loadMetrics, metricsChoice, metricsPlace, printAthenaTotals, type MetricsChoice } from '../metrics-option.js';
import { tuneLocalDag, type LocalTuneOutcome } from '../tune-local-dag.js';
import { intOption, parseCommandLine, untilOption, UsageError } from '../usage-error.js';

const USAGE =
  'spark-tuner tune (--event-logs <dir|s3://bucket/prefix> | --metrics athena) --repo <git dir> [--dag D] [--dry-run] [--until DATE] [--lookback-days N] ' +
  '[--narrator bedrock|deterministic]';

/** The whole pipeline on a local clone: one commit on `spark-tuner/<dag_id>` per DAG to tune, PR body on stdout. */
export async function tuneCommand(argv: string[], io: CliIo, now = new Date()): Promise<number> {
  const values = parseTuneArgs(argv);
  const choice = metricsChoice(values, io, USAGE);
  try {
    return await tune(values, choice, io, now);
  } finally {
    printAthenaTotals(choice, io);
  }
}

function parseTuneArgs(argv: string[]) {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        'event-logs': { type: 'string' },
        metrics: { type: 'string' },
        repo: { type: 'string' },
        dag: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        until: { type: 'string' },
        'lookback-days': { type: 'string' },
        'min-runs': { type: 'string' },
        narrator: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  return values;
}

type TuneValues = ReturnType<typeof parseTuneArgs>;

async function tune(values: TuneValues, choice: MetricsChoice, io: CliIo, now: Date): Promise<number> {
  if (!values.repo) throw new UsageError(`--repo is required. Usage: ${USAGE}`);
  const narrator = narratorOption(values.narrator, io);
  const repoDir = path.resolve(values.repo);
  await requireGitRepository(repoDir);
  if (choice.kind === 'eventlogs' && !isS3Url(choice.dir)) await requireExists(choice.dir, '--event-logs');

  const repo = localRepoFiles(repoDir);
  const { config, problems: configProblems } = await readRepoConfig(repo);
  for (const problem of configProblems) io.stderr(`config: ${problem}\n`);
  const until = untilOption(values.until, now);
  const lookbackDays = intOption(values['lookback-days'], 'lookback-days', config.lookback_days);
  // Athena: one query for the DAG asked, or for every DAG the repository defines.
  const asked = values.dag ? [values.dag] : choice.kind === 'athena' ? (await listDagIds(repo, config)).ids : undefined;
  const summaries = await loadMetrics(choice, { ...lookbackWindow(until, lookbackDays), dag_id: null, dag_ids: asked, task_id: null }, io);
  io.stderr(`Read ${summaries.length} Spark application attempt(s) from ${metricsPlace(choice)}.\n`);

  const dagIds = values.dag
    ? [values.dag]
    : [...new Set(summaries.flatMap((s) => (s.dag_id ? [s.dag_id] : [])))].filter((id) => isSelected(id, config.include, config.exclude)).sort();
  if (dagIds.length === 0) {
    io.stderr(`No run in ${metricsPlace(choice)} names an Airflow DAG of this repository (spark.airflow.dag_id); nothing to tune.\n`);
    return EXIT.failed;
  }
  const outcomes: LocalTuneOutcome[] = [];
  for (const dagId of dagIds) {
    outcomes.push(
      await tuneLocalDag({
        dagId,
        repoDir,
        repo,
        summaries,
        metricSource: choice.kind,
        config,
        until,
        lookbackDays,
        minRuns: intOption(values['min-runs'], 'min-runs', config.min_runs),
        dryRun: values['dry-run'] || config.dry_run,
        separator: dagIds.length > 1,
        narrator,
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
