import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** One event log to summarize: a file, or the ordered parts of a rolling log. */
export interface EventLogInput {
  /** The path people know the log by (file or rolling directory). */
  name: string;
  /** Files in event order. */
  parts: string[];
}

export interface FoundEventLogs {
  logs: EventLogInput[];
  problems: string[];
}

const ROLLING_DIR = /^eventlog_v2_/;
const ROLLING_PART = /^events_(\d+)_/;
const DATABRICKS_ROLLED = /^eventlog-\d{4}-\d{2}-\d{2}--\d{2}-\d{2}(?:\.[a-z0-9]+)?$/i;

/**
 * Event logs under the given paths (files, or directories searched recursively). Spark 3's
 * rolling directories (`eventlog_v2_<app>/events_<n>_<app>…`) and Databricks rolled files
 * (`eventlog-<date>…` + `eventlog`) become one log each; `appstatus_*` markers, hidden files
 * and `.crc` checksums are skipped. Missing or unreadable paths become problem lines.
 */
export async function findEventLogs(paths: readonly string[]): Promise<FoundEventLogs> {
  const found: FoundEventLogs = { logs: [], problems: [] };
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) found.problems.push(`${given}: no such file or directory; check the path.`);
    else if (info.isDirectory()) await collectDirectory(given, found);
    else if (!isIgnored(path.basename(given))) found.logs.push({ name: given, parts: [given] });
  }
  return found;
}

async function collectDirectory(dir: string, found: FoundEventLogs): Promise<void> {
  if (ROLLING_DIR.test(path.basename(dir))) return collectRolling(dir, found);
  const entries = await listDirectory(dir, found);
  const names = new Set(entries.filter((entry) => isFile(entry)).map((entry) => entry.name));
  const rolled = names.has('eventlog') ? [...names].filter((name) => DATABRICKS_ROLLED.test(name)) : [];
  if (rolled.length > 0) {
    const parts = [...rolled.sort(), 'eventlog'].map((name) => path.join(dir, name));
    found.logs.push({ name: dir, parts });
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await collectDirectory(full, found);
    else if (isFile(entry) && !isIgnored(entry.name) && !(rolled.length > 0 && isDatabricksPart(entry.name))) {
      found.logs.push({ name: full, parts: [full] });
    }
  }
}

async function collectRolling(dir: string, found: FoundEventLogs): Promise<void> {
  const entries = await listDirectory(dir, found);
  const parts = entries
    .map((entry) => ({ entry, index: ROLLING_PART.exec(entry.name)?.[1] }))
    .filter((part): part is { entry: Dirent; index: string } => part.index !== undefined && isFile(part.entry))
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((part) => path.join(dir, part.entry.name));
  if (parts.length === 0) found.problems.push(`${dir}: rolling event-log directory without events_* files; skipped.`);
  else found.logs.push({ name: dir, parts });
}

async function listDirectory(dir: string, found: FoundEventLogs): Promise<Dirent[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    found.problems.push(`${dir}: directory could not be read; check its permissions.`);
    return [];
  }
}

function isFile(entry: Dirent): boolean {
  return entry.isFile() || entry.isSymbolicLink();
}

function isIgnored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('appstatus_') || name.endsWith('.crc');
}

function isDatabricksPart(name: string): boolean {
  return name === 'eventlog' || DATABRICKS_ROLLED.test(name);
}
