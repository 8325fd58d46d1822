import { createHash } from 'node:crypto';
import type { ApplicationSummary } from '../metrics/summary.js';
import { toTableRow } from '../metrics/table-row.js';

/** The longest file name written (bytes of ASCII); longer ids are cut and made unique by a hash. */
const MAX_NAME = 200;

/**
 * Where an application attempt's row goes: `dt=<UTC day of start_time>/<app id>_<attempt id>.jsonl`, or null when
 * the summary has no start time (it cannot be partitioned). The same attempt always gets the same file, so
 * re-ingesting replaces it instead of adding a second row.
 */
export function rowFileName(summary: ApplicationSummary): string | null {
  if (summary.start_time === null || !Number.isFinite(summary.start_time)) return null;
  const day = new Date(summary.start_time).toISOString().slice(0, 10);
  const ids = summary.attempt_id === null ? summary.app_id : `${summary.app_id}_${summary.attempt_id}`;
  return `dt=${day}/${safeName(ids)}.jsonl`;
}

/** The file's content: one JSON Lines row, the table's form of the summary. */
export function rowFileText(summary: ApplicationSummary): string {
  return `${JSON.stringify(toTableRow(summary))}\n`;
}

/**
 * A file name that is the same on every file system and S3 and never hidden from Athena: characters other than
 * letters, digits, `.`, `_` and `-` are %-escaped (as Hive escapes partition values), and so is a leading `.` or `_`.
 */
export function safeName(text: string): string {
  const escaped = text.replace(/[^A-Za-z0-9._-]/g, (char) => percent(char)).replace(/^[._]/, (char) => percent(char));
  if (escaped.length <= MAX_NAME) return escaped;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return `${escaped.slice(0, MAX_NAME - 17)}-${hash}`;
}

function percent(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
