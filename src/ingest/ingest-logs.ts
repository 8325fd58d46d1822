import path from 'node:path';
import type { EventLogInput } from '../metrics/eventlog/group-event-logs.js';
import { lazyS3Client, locateEventLogs, type S3ClientSource } from '../metrics/eventlog/locate-event-logs.js';
import { fingerprintOf, localLogStore, LogStoreError } from '../metrics/eventlog/log-store.js';
import { summarizeEventLog } from '../metrics/eventlog/summarize-event-log.js';
import { isS3Url } from '../metrics/s3/s3-location.js';
import { Checkpoint } from './checkpoint.js';
import { outputStore, type OutputStore } from './output-store.js';
import { forEachBounded } from './bounded.js';
import { rowFileName, rowFileText } from './row-file.js';

export interface IngestOptions {
  /** A directory or `s3://bucket/prefix` of event logs. */
  eventLogs: string;
  /** A directory or `s3://bucket/prefix` for the JSON Lines and the checkpoint. */
  out: string;
  /** Logs read at the same time. */
  concurrency: number;
  /** One line per log (or location) that could not be used; the others still are. */
  onProblem(line: string): void;
  /** After each log: how many of the found logs are done. */
  onProgress?(done: number, total: number): void;
  /** Stops taking new logs; those being read finish and are recorded. */
  signal?: AbortSignal;
  s3?: S3ClientSource;
  /** The checkpoint is rewritten at most this often (ms) during the run, and once at its end. Default 2 s. */
  flushIntervalMs?: number;
  now?: () => number;
}

export interface IngestCounts {
  found: number;
  /** Logs summarized into a row. */
  read: number;
  /** Row files written. */
  written: number;
  unchanged: number;
  /** `.inprogress` logs, left for a later run. */
  incomplete: number;
  failed: number;
}

export interface IngestResult {
  counts: IngestCounts;
  /** Problems with the location itself (not found, cannot be listed). */
  locationProblems: number;
  interrupted: boolean;
}

type Outcome = keyof Omit<IngestCounts, 'found' | 'written'> | 'written';

/**
 * Summarizes the event logs of a location not ingested yet (or changed since) into one JSON Lines file per
 * application attempt under `dt=YYYY-MM-DD/`, a few logs at a time, and records each in the checkpoint once its
 * file is written. Unchanged logs are skipped; `.inprogress` ones wait; a log that cannot be read is reported and
 * the others go on (a content problem is recorded so it is not read again until it changes; a store failure is not).
 */
export async function ingestLogs(options: IngestOptions): Promise<IngestResult> {
  const s3 = options.s3 ?? lazyS3Client();
  const found = await locateEventLogs([options.eventLogs], s3);
  const { problems } = found;
  const logs = found.logs.filter((log) => !isInside(log.name, options.out));
  for (const problem of problems) options.onProblem(problem);
  const out = await outputStore(options.out, s3);
  const checkpoint = await Checkpoint.load(out, options.onProblem);
  const counts: IngestCounts = { found: logs.length, read: 0, written: 0, unchanged: 0, incomplete: 0, failed: 0 };
  const now = options.now ?? Date.now;
  const interval = options.flushIntervalMs ?? 2000;
  let flushedAt = now();
  let done = 0;
  const interrupted = await forEachBounded(logs, options.concurrency, options.signal, async (log) => {
    const outcome = await ingestOne(log, relativeName(options.eventLogs, log.name), checkpoint, out, options.onProblem);
    if (outcome === 'written') counts.read += 1;
    counts[outcome] += 1;
    options.onProgress?.((done += 1), logs.length);
    if (now() - flushedAt >= interval) {
      flushedAt = now();
      await checkpoint.flush().catch((error: unknown) => options.onProblem(`The checkpoint could not be saved yet (${messageOf(error)}); trying again.`));
    }
  });
  await checkpoint.flush();
  return { counts, locationProblems: logs.length === 0 ? problems.length : 0, interrupted };
}

async function ingestOne(log: EventLogInput, name: string, checkpoint: Checkpoint, out: OutputStore, onProblem: (line: string) => void): Promise<Outcome> {
  if (log.incomplete) return 'incomplete';
  let fingerprint: string;
  try {
    fingerprint = await fingerprintOf(log.parts, log.store ?? localLogStore);
  } catch (error) {
    onProblem(`${log.name}: could not be read (${messageOf(error)}).`);
    return 'failed';
  }
  if (checkpoint.isUnchanged(name, fingerprint)) return 'unchanged';
  let result;
  try {
    result = await summarizeEventLog(log);
  } catch (error) {
    onProblem(`${log.name}: could not be read (${messageOf(error)})${error instanceof LogStoreError ? '; it is tried again next run' : ''}.`);
    if (!(error instanceof LogStoreError)) checkpoint.record(name, fingerprint);
    return 'failed';
  }
  for (const problem of result.problems) onProblem(problem);
  if (!result.summary) {
    checkpoint.record(name, fingerprint);
    return 'failed';
  }
  const file = rowFileName(result.summary);
  if (file === null) {
    onProblem(`${log.name}: the application has no start time, so its row cannot go in a dt= partition; skipped.`);
    checkpoint.record(name, fingerprint);
    return 'read';
  }
  try {
    await out.write(file, rowFileText(result.summary));
  } catch (error) {
    onProblem(`${log.name}: its row could not be written (${messageOf(error)}); it is tried again next run.`);
    return 'failed';
  }
  checkpoint.record(name, fingerprint);
  return 'written';
}

/** A log's name relative to the ingested location (`/`-separated), so the checkpoint does not depend on how it was given. */
function relativeName(location: string, name: string): string {
  if (isS3Url(location)) {
    const root = location.replace(/\/+$/, '');
    return name.startsWith(`${root}/`) ? name.slice(root.length + 1) : path.posix.basename(name);
  }
  const relative = path.relative(path.resolve(location), path.resolve(name));
  return relative === '' ? path.basename(name) : relative.split(path.sep).join('/');
}

/** Whether a log lies under the output location (when `--out` is inside `--event-logs`, its files are not logs). */
function isInside(name: string, out: string): boolean {
  if (isS3Url(out) !== isS3Url(name)) return false;
  const root = isS3Url(out) ? out.replace(/\/+$/, '') : path.resolve(out);
  const target = isS3Url(name) ? name : path.resolve(name);
  return target === root || target.startsWith(isS3Url(out) ? `${root}/` : `${root}${path.sep}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
