import { diagnoseAll } from '../../../src/diagnose/diagnose-task.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import type { NarrativeInput } from '../../../src/narrate/types.js';
import { NOW, run } from '../../support/runs.js';

/** Secrets planted in a run's properties and failure texts: none may reach a prompt or a request. */
export const PLANTED_SECRETS = ['hunter2-db-pass', 'AKIAPLANTED0KEY', 'wJalrPLANTEDsecretKEY', 'ghp_plantedToken123', 'custompl4nted'];

const SECRET_CONF: Record<string, string> = {
  'spark.executor.memory': '16g',
  'spark.executor.cores': '4',
  'spark.hadoop.fs.s3a.access.key': 'AKIAPLANTED0KEY',
  'spark.hadoop.fs.s3a.secret.key': 'wJalrPLANTEDsecretKEY',
  'spark.executor.extraJavaOptions': '-Ddb.password=hunter2-db-pass',
  'spark.executorEnv.GITHUB_TOKEN': 'ghp_plantedToken123',
  'spark.dynamicAllocation.maxExecutors': 'custompl4nted',
  'spark.redaction.regex': '(?i)secret|password|token|access[.]key|maxExecutors',
};

/** Three runs of daily_sales.load_orders: 16g executors peaking near 5.4 GiB, so the rule engine proposes 8g. */
export function sampleInput(overrides: Partial<ApplicationSummary> = {}): NarrativeInput {
  const runs = [3, 2, 1].map((d, i) => run(d, [5.1, 5.4, 5.2][i] ?? 5, overrides));
  return {
    dag_id: 'daily_sales',
    file_path: 'dags/daily_sales.py',
    diagnoses: diagnoseAll(runs, { until: NOW, lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' }),
    edits: [{ task_id: 'load_orders', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 12 }],
    edit_notes: [],
    metric_source: 'eventlogs',
  };
}

/** The sample with secrets in every run's spark_conf and in its failure texts. */
export function secretInput(): NarrativeInput {
  return sampleInput({
    spark_conf: SECRET_CONF,
    failure_reason: 'Job aborted: jdbc:postgresql://etl:hunter2-db-pass@db.internal/sales refused; password=hunter2-db-pass',
    failure_causes: [{ cause: 'java.sql.SQLException: token=ghp_plantedToken123 rejected', count: 2 }],
  });
}
