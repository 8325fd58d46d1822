import { lookbackWindow } from '../../diagnose/history.js';
import { DEFAULT_PRICES } from '../../diagnose/impact.js';
import { taskRuns } from '../../whatif/task-runs.js';
import { whatifReport } from '../../whatif/whatif-report.js';
import { whatifTask } from '../../whatif/whatif-task.js';
import { EXIT, type CliIo } from '../io.js';
import { loadMetrics, metricsChoice, metricsPlace, printAthenaTotals } from '../metrics-option.js';
import { intOption, parseCommandLine, priceOption, untilOption, UsageError } from '../usage-error.js';
import { groupByOption } from './diagnose.js';

const USAGE =
  'spark-tuner whatif (--event-logs <dir|s3://bucket/prefix> | --metrics athena) --dag D --task T --executors N [--cores C] [--json] ' +
  '[--until DATE] [--lookback-days N] [--group-by airflow|app-name] [--vcpu-hour-usd X] [--gb-hour-usd X]';
const DEFAULT_LOOKBACK_DAYS = 14;

/**
 * Predicted runtime and cost of a DAG task's runs at another executor count (and cores per executor), from the
 * stage timeline of each run (src/whatif): a plain table per run and the mean, or (`--json`) the same as JSON.
 */
export async function whatifCommand(argv: string[], io: CliIo, now = new Date()): Promise<number> {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        'event-logs': { type: 'string' },
        metrics: { type: 'string' },
        dag: { type: 'string' },
        task: { type: 'string' },
        executors: { type: 'string' },
        cores: { type: 'string' },
        json: { type: 'boolean', default: false },
        until: { type: 'string' },
        'lookback-days': { type: 'string' },
        'group-by': { type: 'string' },
        'vcpu-hour-usd': { type: 'string' },
        'gb-hour-usd': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  const dag = values.dag;
  const task = values.task;
  if (!dag || !task) throw new UsageError(`Give the task to predict with --dag D --task T. Usage: ${USAGE}`);
  const executors = countOption(values.executors, 'executors', true);
  const cores = values.cores === undefined ? null : countOption(values.cores, 'cores', false);
  const groupBy = groupByOption(values['group-by']);
  const prices = {
    vcpu_hour_usd: priceOption(values['vcpu-hour-usd'], 'vcpu-hour-usd', DEFAULT_PRICES.vcpu_hour_usd),
    gb_hour_usd: priceOption(values['gb-hour-usd'], 'gb-hour-usd', DEFAULT_PRICES.gb_hour_usd),
  };
  const window = lookbackWindow(untilOption(values.until, now), intOption(values['lookback-days'], 'lookback-days', DEFAULT_LOOKBACK_DAYS));
  const choice = metricsChoice(values, io, USAGE);
  try {
    const byAirflow = groupBy === 'airflow';
    const summaries = await loadMetrics(choice, { ...window, dag_id: byAirflow ? dag : null, task_id: byAirflow ? task : null }, io);
    const found = taskRuns(summaries, { dag_id: dag, task_id: task, group_by: groupBy, window, place: metricsPlace(choice) });
    if ('problem' in found) {
      io.stderr(`spark-tuner whatif: ${found.problem}\n`);
      return EXIT.badInput;
    }
    const result = whatifTask(found.runs, { executors, cores }, prices);
    io.stdout(values.json ? `${JSON.stringify({ dag_id: dag, task_id: task, ...result }, null, 2)}\n` : whatifReport(`${dag}.${task}`, result));
    return result.overall ? EXIT.ok : EXIT.failed;
  } finally {
    printAthenaTotals(choice, io);
  }
}

/** `--executors N` / `--cores C`: a whole number of at least 1. */
function countOption(value: string | undefined, name: string, required: boolean): number {
  if (value === undefined && required) throw new UsageError(`Give the executor count to predict with --${name} N. Usage: ${USAGE}`);
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value ?? '') || !Number.isInteger(parsed) || parsed < 1) {
    throw new UsageError(`--${name} must be a whole number of at least 1, not "${value}".`);
  }
  return parsed;
}
