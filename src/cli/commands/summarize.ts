import type { EventLogInput } from '../../metrics/eventlog/group-event-logs.js';
import { locateEventLogs } from '../../metrics/eventlog/locate-event-logs.js';
import { localLogStore } from '../../metrics/eventlog/log-store.js';
import { summarizeEventLog, type LogSummary } from '../../metrics/eventlog/summarize-event-log.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { summaryTable } from '../../metrics/summary-table.js';
import { EXIT, processIo, type CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage-error.js';

const USAGE = 'spark-tuner summarize <log, dir or s3://bucket/prefix>... [--format jsonl|table]';
const FORMATS = ['jsonl', 'table'] as const;
/** Progress is shown for inputs of at least this many bytes on disk. */
const LARGE_INPUT_BYTES = 32 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 250;

export interface SummarizeCommandOptions {
  /** Show progress on stderr for large inputs (default: when stderr is a terminal). */
  progress?: boolean;
  /** Clock for throttling progress (ms). */
  now?: () => number;
  /** Inputs smaller than this (bytes on disk) get no progress line; default 32 MiB. */
  progressMinBytes?: number;
}

/**
 * Event logs → one ApplicationSummary per application attempt: JSON Lines (the default, one
 * row as soon as its log is read) or `--format table` for people. A file that cannot be read
 * gets one line on stderr and the others are still summarized; exit 1 only when nothing was.
 */
export async function summarizeCommand(argv: string[], io: CliIo, options: SummarizeCommandOptions = {}): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: argv, options: { format: { type: 'string', default: 'jsonl' } }, strict: true, allowPositionals: true,
  }, USAGE);
  const format = values.format === 'json' ? 'jsonl' : values.format;
  if (!FORMATS.some((known) => known === format)) throw new UsageError(`--format must be jsonl or table, not "${format}". Usage: ${USAGE}`);
  if (positionals.length === 0) throw new UsageError(`Give at least one event log or directory. Usage: ${USAGE}`);
  const { logs, problems } = await locateEventLogs(positionals);
  for (const problem of problems) io.stderr(`${problem}\n`);
  const showProgress = options.progress ?? (io === processIo && process.stderr.isTTY === true);
  const progress = showProgress ? await ProgressLine.over(logs, io, options) : null;
  const rows: ApplicationSummary[] = [];
  for (const log of logs) {
    const result = await summarizeOne(log, progress);
    progress?.clear();
    for (const problem of result.problems) io.stderr(`${problem}\n`);
    if (!result.summary) continue;
    rows.push(result.summary);
    if (format === 'jsonl') io.stdout(`${JSON.stringify(result.summary)}\n`);
  }
  if (format === 'table' && rows.length > 0) io.stdout(summaryTable(rows));
  return rows.length === 0 ? EXIT.failed : EXIT.ok;
}

async function summarizeOne(log: EventLogInput, progress: ProgressLine | null): Promise<LogSummary> {
  const onBytesRead = progress ? (bytes: number): void => progress.advance(bytes) : undefined;
  return summarizeEventLog(log, { onBytesRead }).catch((error: unknown) => ({
    summary: null,
    problems: [`${log.name}: could not be read (${error instanceof Error ? error.message : String(error)}).`],
  }));
}

/** `summarizing: 512 of 1,024 MB (50%)` on stderr, redrawn at most every 250 ms; only for large inputs. */
class ProgressLine {
  private done = 0;
  private drawnAt = -Infinity;
  private shown = false;

  private constructor(private readonly total: number, private readonly io: CliIo, private readonly now: () => number) {}

  /** A progress line over the logs' files, or null when they are too small to need one. */
  static async over(logs: readonly EventLogInput[], io: CliIo, options: SummarizeCommandOptions): Promise<ProgressLine | null> {
    const parts = logs.flatMap((log) => log.parts.map((part) => ({ part, store: log.store ?? localLogStore })));
    const sizes = await Promise.all(parts.map(({ part, store }) => store.info(part).then((info) => info.size, () => 0)));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    if (total === 0 || total < (options.progressMinBytes ?? LARGE_INPUT_BYTES)) return null;
    return new ProgressLine(total, io, options.now ?? Date.now);
  }

  advance(bytes: number): void {
    this.done += bytes;
    const time = this.now();
    if (time - this.drawnAt < PROGRESS_INTERVAL_MS) return;
    this.drawnAt = time;
    const mb = (value: number): string => Math.round(value / 1e6).toLocaleString('en-US');
    this.io.stderr(`\rsummarizing: ${mb(this.done)} of ${mb(this.total)} MB (${Math.floor((this.done / this.total) * 100)}%)`);
    this.shown = true;
  }

  /** Erases the line (before other output on stderr, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.io.stderr('\r\x1b[K');
    this.shown = false;
  }
}
