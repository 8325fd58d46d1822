import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './spark.js';

export interface DumpedTask {
  operator: string;
  upstream: string[];
  kwargs: Record<string, unknown>;
}

export interface DumpedFile {
  dags: Record<string, Record<string, DumpedTask>>;
  import_errors: Record<string, string>;
}

/** Runs scripts/airflow/setup.sh (idempotent, cached) and returns the venv's python. */
export function setupAirflow(): string {
  const out = execFileSync(path.join(ROOT, 'scripts/airflow/setup.sh'), { encoding: 'utf8', timeout: 1_800_000 }).trim().split('\n');
  return out.at(-1) ?? '';
}

/** Airflow Variables some fixtures read at parse time (`Variable.get`), given as Airflow reads them from the environment. */
const VARIABLES = { AIRFLOW_VAR_JOBS_BUCKET: 's3://acme-jobs', AIRFLOW_VAR_DEPS_ZIP: 's3://acme-jobs/deps.zip', AIRFLOW_VAR_WARTESCHLANGE: 'etl', AIRFLOW_VAR_UMGEBUNG: 'prod' };

/** The files as Airflow's own DagBag loads them (test/spark/support/dagbag_dump.py), keyed by path. */
export function dagBag(python: string, files: string[], airflowHome: string): Record<string, DumpedFile> {
  const out = execFileSync(python, [path.join(ROOT, 'test/spark/support/dagbag_dump.py'), ...files], {
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, ...VARIABLES, AIRFLOW_HOME: airflowHome, AIRFLOW__CORE__LOAD_EXAMPLES: 'False', AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT: '120' },
  });
  // Airflow logs to stdout too: the dump is the last line
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, DumpedFile>;
}

/** Every leaf of a value as `path=json`, list positions dropped (an inserted item shifts none of the others). */
export function leaves(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, `${at}[]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, `${at}.${key}`));
  return [`${at}=${JSON.stringify(value)}`];
}

/** `a` minus `b`, as multisets. */
export function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const item of b) left.set(item, (left.get(item) ?? 0) + 1);
  return a.filter((item) => {
    const count = left.get(item) ?? 0;
    if (count === 0) return true;
    left.set(item, count - 1);
    return false;
  });
}
