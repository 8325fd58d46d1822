import { readRepoConfig } from '../../config/read-repo-config.js';
import { DEFAULT_REPO_CONFIG } from '../../config/repo-config-schema.js';
import { localRepoFiles } from '../../dags/local-repo-files.js';
import { diagnoseAll } from '../../diagnose/diagnose-task.js';
import { summarizeEventLogs } from '../../metrics/eventlog/summarize-event-logs.js';
import { diagnosisReport } from '../diagnosis-report.js';
import { EXIT, type CliIo } from '../io.js';
import { intOption, parseCommandLine, untilOption, UsageError } from '../usage-error.js';

const USAGE =
  'spark-tuner diagnose (--event-logs <dir> | --metrics athena) [--dag D] [--task T] [--json] [--until DATE] [--lookback-days N] [--repo <dir>]';

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
    },
    { dag_id: values.dag, task_id: values.task },
  );
  if (values.json) {
    io.stdout(`${JSON.stringify(diagnoses, null, 2)}\n`);
  } else if (diagnoses.length === 0) {
    io.stderr(`No runs${values.dag ? ` of ${values.dag}` : ''} with Airflow linkage (spark.airflow.dag_id/task_id) in ${values['event-logs']}.\n`);
  } else {
    io.stdout(diagnoses.map(diagnosisReport).join('\n'));
  }
  return diagnoses.length === 0 && summaries.length === 0 ? EXIT.failed : EXIT.ok;
}
