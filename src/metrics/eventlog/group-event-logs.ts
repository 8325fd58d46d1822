import type { LogStore } from './log-store.js';

/** One event log to summarize: a file, or the ordered parts of a rolling log. */
export interface EventLogInput {
  /** The path people know the log by (file or rolling directory; an `s3://` URL on S3). */
  name: string;
  /** Files in event order. */
  parts: string[];
  /** Spark is still writing it: a `.inprogress` file, or a rolling log whose `appstatus_` marker is `.inprogress`. */
  incomplete?: true;
  /** Where the parts are read from; absent means the local file system. */
  store?: LogStore;
}

export interface FoundEventLogs {
  logs: EventLogInput[];
  problems: string[];
}

/** One name in a directory of event logs (a local directory, or a "folder" of S3 keys). */
export interface TreeEntry {
  name: string;
  kind: 'file' | 'directory' | 'other';
}

/** A tree of event-log files: how to list a directory and name what is in it. */
export interface LogTree {
  /** The entries of a directory; throws when it cannot be read. */
  list(dir: string): Promise<TreeEntry[]>;
  join(dir: string, name: string): string;
  basename(file: string): string;
  /** Set on every log found (S3 logs name their store). */
  store?: LogStore;
}

const ROLLING_DIR = /^eventlog_v2_/;
const ROLLING_PART = /^events_(\d+)_/;
const APP_STATUS = /^appstatus_/;
const DATABRICKS_ROLLED = /^eventlog-\d{4}-\d{2}-\d{2}--\d{2}-\d{2}(?:\.[a-z0-9]+)?$/i;
const IN_PROGRESS = /\.inprogress$/;

/**
 * Adds the event logs of a directory, searched recursively, to `found`. Spark 3's rolling directories
 * (`eventlog_v2_<app>/events_<n>_<app>…`) and Databricks rolled files (`eventlog-<date>…` + `eventlog`) become one
 * log each; `appstatus_*` markers, hidden files and `.crc` checksums are skipped. A directory that cannot be read
 * becomes a problem line.
 */
export async function collectDirectory(tree: LogTree, dir: string, found: FoundEventLogs): Promise<void> {
  if (ROLLING_DIR.test(tree.basename(dir))) return collectRolling(tree, dir, found);
  const entries = await listDirectory(tree, dir, found);
  const names = new Set(entries.filter((entry) => entry.kind === 'file').map((entry) => entry.name));
  const rolled = names.has('eventlog') ? [...names].filter((name) => DATABRICKS_ROLLED.test(name)) : [];
  if (rolled.length > 0) {
    const parts = [...rolled.sort(), 'eventlog'].map((name) => tree.join(dir, name));
    found.logs.push(logInput(tree, dir, parts, false));
  }
  for (const entry of entries) {
    const full = tree.join(dir, entry.name);
    if (entry.kind === 'directory') await collectDirectory(tree, full, found);
    else if (entry.kind === 'file' && !isIgnored(entry.name) && !(rolled.length > 0 && isDatabricksPart(entry.name))) {
      found.logs.push(fileLog(tree, full));
    }
  }
}

/** A single event-log file given by name. */
export function fileLog(tree: LogTree, file: string): EventLogInput {
  return logInput(tree, file, [file], IN_PROGRESS.test(file));
}

/** Whether a file name is never an event log (a marker, a checksum, a hidden file). */
export function isIgnored(name: string): boolean {
  return name.startsWith('.') || APP_STATUS.test(name) || name.endsWith('.crc');
}

async function collectRolling(tree: LogTree, dir: string, found: FoundEventLogs): Promise<void> {
  const entries = await listDirectory(tree, dir, found);
  const parts = entries
    .map((entry) => ({ entry, index: ROLLING_PART.exec(entry.name)?.[1] }))
    .filter((part): part is { entry: TreeEntry; index: string } => part.index !== undefined && part.entry.kind === 'file')
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((part) => tree.join(dir, part.entry.name));
  const writing = entries.some((entry) => APP_STATUS.test(entry.name) && IN_PROGRESS.test(entry.name));
  if (parts.length === 0) found.problems.push(`${dir}: rolling event-log directory without events_* files; skipped.`);
  else found.logs.push(logInput(tree, dir, parts, writing || parts.some((part) => IN_PROGRESS.test(part))));
}

async function listDirectory(tree: LogTree, dir: string, found: FoundEventLogs): Promise<TreeEntry[]> {
  try {
    const entries = await tree.list(dir);
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    found.problems.push(`${dir}: directory could not be read; check its permissions.`);
    return [];
  }
}

function logInput(tree: LogTree, name: string, parts: string[], incomplete: boolean): EventLogInput {
  const log: EventLogInput = { name, parts };
  if (incomplete) log.incomplete = true;
  if (tree.store) log.store = tree.store;
  return log;
}

function isDatabricksPart(name: string): boolean {
  return name === 'eventlog' || DATABRICKS_ROLLED.test(name);
}
