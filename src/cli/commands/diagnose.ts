import { readRepoConfig } from '../../config/read-repo-config.js';
import { DEFAULT_REPO_CONFIG } from '../../config/repo-config-schema.js';
import { localRepoFiles } from '../../dags/local-repo-files.js';
import { diagnoseAll } from '../../diagnose/diagnose-task.js';
import type { GroupBy } from '../../diagnose/history.js';
import { parseMemoryMb } from '../../metrics/memory-size.js';
import { summarizeEventLogs } from '../../metrics/eventlog/summarize-event-logs.js';
import { diagnosisReport } from '../diagnosis-report.js';
import { EXIT, type CliIo } from '../io.js';
import { intOption, parseCommandLine, untilOption, UsageError } from '../usage-error.js';

const USAGE =
  'spark-tuner diagnose (--event-logs <dir|s3://bucket/prefix> | --metrics athena) [--dag D] [--task T] [--json] [--until DATE] [--lookback-days N] ' +
  '[--min-runs N] [--group-by airflow|app-name] [--node-memory SIZE] [--vcpu-hour-usd X] [--gb-hour-usd X] [--repo <dir>]';

/** History → findings and recommendations per DAG task: a report, or JSON with the same content. */
export async function diagnoseCommand(argv: string[], io: CliIo, now = new Date()): Promise<number> {
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
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  if (values.metrics === 'athena') {
    throw new UsageError('--metrics athena is not supported yet; pass --event-logs <dir> to read Spark event logs.');
  }
  if (values.metrics !== undefined || !values['event-logs']) throw new UsageError(`Give --event-logs <dir>. Usage: ${USAGE}`);
  const groupBy = groupByOption(values['group-by']);
  const config = values.repo ? (await readRepoConfig(localRepoFiles(values.repo))).config : DEFAULT_REPO_CONFIG;
  const { summaries, problems } = await summarizeEventLogs([values['event-logs']]);
  for (const problem of problems) io.stderr(`event logs: ${problem}\n`);
  const diagnoses = diagnoseAll(
    summaries,
    {
      until: untilOption(values.until, now),
      lookback_days: intOption(values['lookback-days'], 'lookback-days', config.lookback_days),
      min_runs: intOption(values['min-runs'], 'min-runs', config.min_runs),
      metric_source: 'eventlogs',
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
  if (values.json) {
    io.stdout(`${JSON.stringify(diagnoses, null, 2)}\n`);
  } else if (diagnoses.length === 0) {
    io.stderr(noRunsMessage(values.dag, values['event-logs'], groupBy));
  } else {
    io.stdout(diagnoses.map(diagnosisReport).join('\n'));
  }
  return diagnoses.length === 0 && summaries.length === 0 ? EXIT.failed : EXIT.ok;
}

function groupByOption(value: string | undefined): GroupBy {
  if (value === undefined || value === 'airflow' || value === 'app-name') return value ?? 'airflow';
  throw new UsageError(`--group-by must be airflow or app-name, not "${value}".`);
}

function nodeMemoryOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const mb = parseMemoryMb(value);
  if (mb === null || mb < 1024) throw new UsageError(`--node-memory must be a memory size of at least 1g, like 56g or 122880m, not "${value}".`);
  return mb;
}

function priceOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const price = Number(value);
  if (!Number.isFinite(price) || price < 0) throw new UsageError(`--${name} must be a price in US dollars like 0.05, not "${value}".`);
  return price;
}

function noRunsMessage(dag: string | undefined, dir: string, groupBy: GroupBy): string {
  const which = dag ? ` of ${dag}` : '';
  if (groupBy === 'app-name') return `No runs${which} with an application name in ${dir}.\n`;
  return (
    `No runs${which} with Airflow linkage (spark.airflow.dag_id/task_id) in ${dir}; ` +
    'pass --group-by app-name to diagnose them by Spark application name.\n'
  );
}
