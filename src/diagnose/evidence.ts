import type { ApplicationSummary } from '../metrics/summary.js';
import type { Evidence, RunEvidence } from './types.js';

/** The facts of one run a rule looked at, by summary column name. */
export function runEvidence(run: ApplicationSummary, columns: (keyof ApplicationSummary)[]): RunEvidence {
  const values: RunEvidence['values'] = {};
  for (const column of columns) {
    const value = run[column];
    values[column] = typeof value === 'object' ? null : value;
  }
  return {
    app_id: run.app_id,
    attempt_id: run.attempt_id,
    run_id: run.run_id,
    start_time: run.start_time,
    status: run.status,
    values,
  };
}

/** Evidence over several runs: each run's values, the Spark versions seen, the deciding aggregates and stages. */
export function evidenceOf(
  runs: ApplicationSummary[],
  columns: (keyof ApplicationSummary)[],
  metricSource: string,
  values: Evidence['values'],
  stages: (number | null)[] = [],
): Evidence {
  const versions = new Set(runs.map((run) => run.spark_version).filter((v): v is string => v !== null));
  const evidence: Evidence = {
    runs: runs.map((run) => runEvidence(run, columns)),
    spark_versions: [...versions].sort(),
    metric_source: metricSource,
    values,
  };
  const named = [...new Set(stages.filter((s): s is number => s !== null))].sort((a, b) => a - b);
  if (named.length > 0) evidence.stages = named;
  return evidence;
}
