import type { RepoConfig } from '../config/repo-config-types.js';
import type { RepoFiles } from '../dags/types.js';
import type { MetricsSource } from '../metrics/source.js';
import type { Planner, PlanResult } from '../pipeline/types.js';
import type { DagTarget } from './parse-command.js';
import { configPlanFields } from '../pipeline/config-plan-fields.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PlanTargetInput {
  /** The readings of the command's target, the whole string as a dag id first. */
  candidates: DagTarget[];
  source: MetricsSource;
  files: RepoFiles;
  config: RepoConfig;
  planner: Planner;
  /** End of the lookback window, epoch ms. */
  until: number;
}

export interface PlannedTarget {
  /** The reading that matched, or the first one when none did. */
  target: DagTarget;
  result: PlanResult;
  /** Metrics inputs that could not be read (for the log; the rest were used). */
  metric_problems: string[];
}

/**
 * Plans the first reading of the target that names a DAG (and task) the repository and the metrics know:
 * `a.b` is tried as DAG `a.b`, then as DAG `a` with task `b`.
 */
export async function planTarget(input: PlanTargetInput): Promise<PlannedTarget> {
  const { config, until } = input;
  const since = until - config.lookback_days * DAY_MS;
  const misses: string[] = [];
  const metricProblems: string[] = [];
  for (const target of input.candidates) {
    const metrics = await input.source.load({ ...target, since, until });
    metricProblems.push(...metrics.problems);
    const result = await input.planner({
      ...target,
      summaries: metrics.summaries,
      repo: input.files,
      ...configPlanFields(config),
      metric_source: input.source.name,
      until,
    });
    if (result.kind !== 'not-found') return { target, result, metric_problems: [...new Set(metricProblems)] };
    misses.push(input.candidates.length > 1 ? `${describe(target)}: ${result.message}` : result.message);
  }
  const [first] = input.candidates;
  if (!first) throw new Error('planTarget needs at least one candidate.');
  const result: PlanResult = { kind: 'not-found', message: misses.join(' ') };
  return { target: first, result, metric_problems: [...new Set(metricProblems)] };
}

function describe(target: DagTarget): string {
  return target.task_id === null ? `DAG \`${target.dag_id}\`` : `DAG \`${target.dag_id}\` task \`${target.task_id}\``;
}
