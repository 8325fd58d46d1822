import { z } from 'zod';
import type { GroupBy } from '../diagnose/history.js';
import { AIRFLOW_ID } from '../config/airflow-id.js';

/** An application name as `--group-by app-name` shows it: any printable text, at most 250 characters. */
const APP_NAME_ID = /^[^\u0000-\u001f\u007f]{1,250}$/;
const AIRFLOW_GLOB = /^[A-Za-z0-9_.*?-]{1,250}$/;

/** The id inputs of the tools, validated as comment commands validate them (DESIGN §12), each error one sentence. */
export function idInputs(groupBy: GroupBy) {
  const id = (name: string, what: string) =>
    z
      .string({ error: (issue) => (issue.input === undefined ? `${name} is required.` : `${name} must be a string.`) })
      .regex(
        groupBy === 'airflow' ? AIRFLOW_ID : APP_NAME_ID,
        groupBy === 'airflow'
          ? `${name} must be an Airflow ${what} id: letters, digits, _ . - and at most 250 characters.`
          : `${name} must be an application name as list_tasks shows it, at most 250 characters without control characters.`,
      );
  return {
    dag_id: id('dag_id', 'DAG').describe(groupBy === 'airflow' ? 'The Airflow DAG id.' : 'The application name (list_tasks shows it as dag_id).'),
    task_id: id('task_id', 'task')
      .optional()
      .describe(groupBy === 'airflow' ? 'The Airflow task id; every task of the DAG when absent.' : 'Always `app` when grouped by application name.'),
    dag_id_glob: z
      .string({ error: 'dag_id_glob must be a string.' })
      .regex(
        groupBy === 'airflow' ? AIRFLOW_GLOB : APP_NAME_ID,
        'dag_id_glob must be a DAG id pattern with * and ?: letters, digits, _ . - * ? and at most 250 characters.',
      )
      .optional()
      .describe('Only DAG ids matching this pattern (`*` any run of characters, `?` one); every DAG when absent.'),
  };
}

/** `lookback_days`: how far back the window reaches. */
export const lookbackDaysInput = z
  .number({ error: 'lookback_days must be a whole number of days from 1 to 365.' })
  .int('lookback_days must be a whole number of days from 1 to 365.')
  .min(1, 'lookback_days must be a whole number of days from 1 to 365.')
  .max(365, 'lookback_days must be a whole number of days from 1 to 365.')
  .optional()
  .describe('Days of history to look at, ending now (default 14).');

/** `repo_path`: a local checkout, read only. */
export const repoPathInput = z
  .string({ error: (issue) => (issue.input === undefined ? 'repo_path is required.' : 'repo_path must be a string.') })
  .min(1, 'repo_path must name a directory.')
  .max(4096, 'repo_path must be at most 4096 characters.')
  .refine((value) => !value.includes('\u0000'), 'repo_path must not contain a NUL character.')
  .describe('The local checkout of the repository that defines the DAG (read only: nothing is written).');
