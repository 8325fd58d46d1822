import { emptySummary } from './empty-summary.js';
import { stageProfileSchema } from './stage-profile-schema.js';
import { SUMMARY_COLUMNS } from './summary-columns.js';
import type { ApplicationSummary } from './summary.js';

/** A summary as the table stores it: JSON columns as JSON text, everything else as in the summary. */
export type TableRow = Record<string, string | number | boolean | null>;

/**
 * The row the ingest writes (one JSON Lines object) and the Athena table holds: `spark_conf`, `failure_causes`,
 * `stage_profile` and `metrics_quality` become JSON text (a null `stage_profile` stays null); `start_time`/`end_time`
 * stay epoch milliseconds.
 */
export function toTableRow(summary: ApplicationSummary): TableRow {
  const row: TableRow = {};
  for (const column of SUMMARY_COLUMNS) {
    const value = summary[column.name];
    if (column.type === 'json') row[column.name] = value === null ? null : JSON.stringify(value);
    else row[column.name] = value as string | number | boolean | null;
  }
  return row;
}

/**
 * The summary back from a table row whose values are already typed (numbers, booleans, epoch ms, JSON text).
 * Throws with the column's name when a JSON column does not hold JSON of the right shape.
 */
export function fromTableRow(row: TableRow): ApplicationSummary {
  const appId = row.app_id;
  if (typeof appId !== 'string' || appId === '') throw new Error('A summary row has no app_id.');
  const summary = emptySummary(appId) as unknown as Record<string, unknown>;
  for (const column of SUMMARY_COLUMNS) {
    const value = row[column.name] ?? null;
    summary[column.name] = column.type === 'json' ? parseJsonColumn(column.name, value) : value;
  }
  return summary as unknown as ApplicationSummary;
}

function parseJsonColumn(name: string, value: string | number | boolean | null): unknown {
  const empty = name === 'spark_conf' ? {} : name === 'stage_profile' ? null : [];
  if (value === null || value === '' || (value === 'null' && name === 'stage_profile')) return empty;
  if (typeof value !== 'string') throw new Error(`Column ${name} should hold JSON text.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`Column ${name} does not hold valid JSON.`);
  }
  if (name === 'stage_profile') {
    const profile = stageProfileSchema.safeParse(parsed);
    if (!profile.success) throw new Error(`Column ${name} holds JSON of the wrong shape.`);
    return profile.data;
  }
  const ok = name === 'spark_conf' ? isPlainObject(parsed) : Array.isArray(parsed);
  if (!ok) throw new Error(`Column ${name} holds JSON of the wrong shape.`);
  return parsed;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
