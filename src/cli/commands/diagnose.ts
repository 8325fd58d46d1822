import { readRepoConfig } from '../../config/read-repo-config.js';
import { DEFAULT_REPO_CONFIG } from '../../config/repo-config-schema.js';
import { localRepoFiles } from '../../dags/local-repo-files.js';
import { diagnoseAll } from '../../diagnose/diagnose-task.js';
import { lookbackWindow, type GroupBy } from '../../diagnose/history.js';
import { toDiagnosisJson } from '../../diagnose/json/to-diagnosis-json.js';
import { parseMemoryMb } from '../../metrics/memory-size.js';
import { analysisText, narrateDiagnoses } from '../analysis-sections.js';
import { diagnosisReport } from '../diagnosis-report.js';
import { EXIT, type CliIo } from '../io.js';
import { loadMetrics, metricsChoice, metricsPlace, printAthenaTotals, type MetricsChoice } from '../metrics-option.js';
import { narratorOption } from '../narrator-option.js';
import { intOption, parseCommandLine, priceOption, untilOption, UsageError } from '../usage-error.js';

const USAGE =
  'spark-tuner diagnose (--event-logs <dir|s3://bucket/prefix> | --metrics athena) [--dag D] [--task T] [--json] [--until DATE] [--lookback-days N] ' +
  '[--min-runs N] [--group-by airflow|app-name] [--node-memory SIZE] [--vcpu-hour-usd X] [--gb-hour-usd X] [--repo <dir>] ' +
  '[--narrator bedrock|deterministic]';

/**
 * History → findings and recommendations per DAG task: a report, or (`--json`) the versioned diagnosis JSON of
 * `schemas/diagnosis.v1.schema.json` with the same content.
 */
export async function diagnoseCommand(argv: string[], io: CliIo, now = new Date()): Promise<number> {
  const values = parseDiagnoseArgs(argv);
  const choice = metricsChoice(values, io, USAGE);
  try {
    return await diagnose(values, choice, io, now);
  } finally {
    printAthenaTotals(choice, io);
  }
}

function parseDiagnoseArgs(argv: string[]) {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        'event-logs': { type: 'string' },
        metrics: { type: 'string' },
        dag: { type: 'string' },
        task: { type: 'string' },
        json: { type: 'boolean', default: false },
        until: { type: 'string' },
        'lookback-days': { type: 'string' },
        'min-runs': { type: 'string' },
        'group-by': { type: 'string' },
        'node-memory': { type: 'string' },
        'vcpu-hour-usd': { type: 'string' },
        'gb-hour-usd': { type: 'string' },
        repo: { type: 'string' },
        narrator: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  return values;
}

type DiagnoseValues = ReturnType<typeof parseDiagnoseArgs>;

async function diagnose(values: DiagnoseValues, choice: MetricsChoice, io: CliIo, now: Date): Promise<number> {
  const groupBy = groupByOption(values['group-by']);
  const narrator = values.narrator === undefined ? null : narratorOption(values.narrator, io);
  const config = values.repo ? (await readRepoConfig(localRepoFiles(values.repo))).config : DEFAULT_REPO_CONFIG;
  const until = untilOption(values.until, now);
  const lookbackDays = intOption(values['lookback-days'], 'lookback-days', config.lookback_days);
  const byAirflow = groupBy === 'airflow';
  const summaries = await loadMetrics(
    choice,
    { ...lookbackWindow(until, lookbackDays), dag_id: byAirflow ? (values.dag ?? null) : null, task_id: byAirflow ? (values.task ?? null) : null },
    io,
  );
  const diagnoses = diagnoseAll(
    summaries,
    {
      until,
      lookback_days: lookbackDays,
      min_runs: intOption(values['min-runs'], 'min-runs', config.min_runs),
      metric_source: choice.kind,
      rules: config.rules,
      node_memory_mb: nodeMemoryOption(values['node-memory'], config.node_memory_mb),
      prices: {
        vcpu_hour_usd: priceOption(values['vcpu-hour-usd'], 'vcpu-hour-usd', config.prices.vcpu_hour_usd),
        gb_hour_usd: priceOption(values['gb-hour-usd'], 'gb-hour-usd', config.prices.gb_hour_usd),
      },
      group_by: groupBy,
    },
    { dag_id: values.dag, task_id: values.task },
  );
  const analyses = narrator ? await narrateDiagnoses(diagnoses, narrator, choice.kind) : null;
  if (values.json) {
    // With --narrator: per DAG, the five sections and who wrote them.
    const analysesJson = analyses?.map(({ dag_id, narration }) => ({ dag_id, ...narration }));
    const json = toDiagnosisJson(diagnoses);
    io.stdout(`${JSON.stringify(analysesJson ? { ...json, analyses: analysesJson } : json, null, 2)}\n`);
  } else if (diagnoses.length === 0) {
    io.stderr(noRunsMessage(values.dag, metricsPlace(choice), groupBy));
  } else {
    io.stdout(diagnoses.map(diagnosisReport).join('\n'));
    for (const { dag_id, narration } of analyses ?? []) io.stdout(`\n${analysisText(dag_id, narration)}`);
  }
  return diagnoses.length === 0 && summaries.length === 0 ? EXIT.failed : EXIT.ok;
}

/** `--group-by`: `airflow` (default) or `app-name`. */
export function groupByOption(value: string | undefined): GroupBy {
  if (value === undefined || value === 'airflow' || value === 'app-name') return value ?? 'airflow';
  throw new UsageError(`--group-by must be airflow or app-name, not "${value}".`);
}

function nodeMemoryOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const mb = parseMemoryMb(value);
  if (mb === null || mb < 1024) throw new UsageError(`--node-memory must be a memory size of at least 1g, like 56g or 122880m, not "${value}".`);
  return mb;
}

function noRunsMessage(dag: string | undefined, dir: string, groupBy: GroupBy): string {
  const which = dag ? ` of ${dag}` : '';
  if (groupBy === 'app-name') return `No runs${which} with an application name in ${dir}.\n`;
  return (
    `No runs${which} with Airflow linkage (spark.airflow.dag_id/task_id) in ${dir}; ` +
    'pass --group-by app-name to diagnose them by Spark application name.\n'
  );
}
