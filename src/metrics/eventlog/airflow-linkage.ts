import type { ApplicationSummary } from '../summary.js';
import { parseCount, REDACTED } from './spark-config.js';

export type AirflowLinkage = Pick<ApplicationSummary, 'dag_id' | 'task_id' | 'run_id' | 'try_number'>;

interface Candidate {
  dag_id?: string | undefined;
  task_id?: string | undefined;
  run_id?: string | undefined;
  try_number?: string | undefined;
}

/**
 * The Airflow task instance that ran an application (DESIGN §2), from the first source that
 * names a DAG, in order: `spark.airflow.*` properties; OpenLineage's
 * `spark.openlineage.parentJobName` (`<dag_id>.<task_id>`, split after
 * `spark.openlineage.rootParentJobName` when that is the DAG id, else at the first dot) and
 * `parentRunId`; YARN tags (`dag_id:x,task_id:y`); the app-name pattern with named groups
 * `dag_id`, `task_id` (and optionally `run_id`, `try_number`). `run_id` and `try_number`
 * come from the first source that has them.
 */
export function airflowLinkage(
  props: Readonly<Record<string, string>>,
  appName: string | null,
  appNamePattern?: RegExp,
): AirflowLinkage {
  const candidates = [
    fromAirflowProperties(props),
    fromOpenLineage(props),
    fromYarnTags(props['spark.yarn.tags']),
    fromAppName(appName, appNamePattern),
  ];
  const named = candidates.find((candidate) => nonEmpty(candidate.dag_id) !== null);
  return {
    dag_id: nonEmpty(named?.dag_id),
    task_id: nonEmpty(named?.task_id),
    run_id: firstOf(candidates, (candidate) => nonEmpty(candidate.run_id)),
    try_number: firstOf(candidates, (candidate) => parseCount(candidate.try_number)),
  };
}

function fromAirflowProperties(props: Readonly<Record<string, string>>): Candidate {
  return {
    dag_id: props['spark.airflow.dag_id'],
    task_id: props['spark.airflow.task_id'],
    run_id: props['spark.airflow.run_id'],
    try_number: props['spark.airflow.try_number'],
  };
}

function fromOpenLineage(props: Readonly<Record<string, string>>): Candidate {
  const job = props['spark.openlineage.parentJobName'];
  const root = props['spark.openlineage.rootParentJobName'];
  const runId = props['spark.openlineage.parentRunId'];
  if (job === undefined) return { run_id: runId };
  const split = root !== undefined && job.startsWith(`${root}.`) ? root.length : job.indexOf('.');
  if (split <= 0) return { run_id: runId };
  return { dag_id: job.slice(0, split), task_id: job.slice(split + 1), run_id: runId };
}

function fromYarnTags(tags: string | undefined): Candidate {
  if (tags === undefined) return {};
  const found: Record<string, string> = {};
  for (const tag of tags.split(',')) {
    const match = /^\s*(dag_id|task_id|run_id|try_number)\s*[:=]\s*(.*?)\s*$/i.exec(tag);
    if (match?.[1] && match[2] !== undefined) found[match[1].toLowerCase()] = match[2];
  }
  return { dag_id: found.dag_id, task_id: found.task_id, run_id: found.run_id, try_number: found.try_number };
}

function fromAppName(appName: string | null, pattern: RegExp | undefined): Candidate {
  if (appName === null || pattern === undefined) return {};
  const once = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const groups = once.exec(appName)?.groups;
  if (!groups) return {};
  return { dag_id: groups.dag_id, task_id: groups.task_id, run_id: groups.run_id, try_number: groups.try_number };
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && trimmed !== REDACTED ? trimmed : null;
}

function firstOf<T>(candidates: Candidate[], pick: (candidate: Candidate) => T | null): T | null {
  for (const candidate of candidates) {
    const value = pick(candidate);
    if (value !== null) return value;
  }
  return null;
}
