import { REDACTED } from './spark-config.js';

/** Airflow's default task owner (`[operators] default_owner`): it names no team. */
const AIRFLOW_DEFAULT_OWNER = 'airflow';

/**
 * The team that owns an application, from the first that is set: `spark.airflow.team` (this
 * project's convention, next to `spark.airflow.dag_id`), a `team:<name>` YARN tag in
 * `spark.yarn.tags`, or the Airflow task owner passed as `spark.airflow.owner`
 * (`{{ task.owner }}`) unless it is Airflow's default owner `airflow`. A YARN queue is not a
 * team (queues are capacity pools shared across teams), so it is never used: null instead.
 */
export function team(props: Readonly<Record<string, string>>): string | null {
  const owner = usable(props['spark.airflow.owner']);
  return usable(props['spark.airflow.team']) ?? teamTag(props['spark.yarn.tags'])
    ?? (owner !== null && owner.toLowerCase() !== AIRFLOW_DEFAULT_OWNER ? owner : null);
}

function teamTag(tags: string | undefined): string | null {
  for (const tag of tags?.split(',') ?? []) {
    const value = /^\s*team\s*[:=]\s*(.*?)\s*$/i.exec(tag)?.[1];
    if (usable(value) !== null) return usable(value);
  }
  return null;
}

function usable(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && trimmed !== REDACTED ? trimmed : null;
}
