import type { TaskDiagnosis } from '../../diagnose/types.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import type { NarrativeInput } from '../types.js';

/** The settings a reviewer wants to see first, in this order, as the latest run reported them. */
const KEYS = [
  'spark.executor.memory',
  'spark.executor.memoryOverhead',
  'spark.executor.cores',
  'spark.executor.instances',
  'spark.driver.memory',
  'spark.dynamicAllocation.enabled',
  'spark.dynamicAllocation.maxExecutors',
  'spark.sql.shuffle.partitions',
  'spark.sql.adaptive.enabled',
];

export function configurationSection(input: NarrativeInput): string {
  if (input.diagnoses.length === 0) return 'No run reported its configuration.';
  return [
    'As the latest run of each task reported it (secrets redacted; unset settings use Spark defaults):',
    '',
    ...input.diagnoses.map(taskLine),
  ].join('\n');
}

function taskLine(d: TaskDiagnosis): string {
  const settings = d.latest ? describe(d.latest) : [];
  return `- ${d.task_id}: ${settings.length > 0 ? settings.join(', ') : 'no Spark properties reported'}`;
}

function describe(run: ApplicationSummary): string[] {
  return KEYS.flatMap((key) => {
    const value = run.spark_conf[key];
    return value === undefined ? [] : [`${key}=${value}`];
  });
}
