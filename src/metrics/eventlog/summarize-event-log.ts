import type { ApplicationSummary } from '../summary.js';
import { eventNameOf, SUMMARY_EVENTS } from './event-name.js';
import type { EventLogInput } from './find-event-logs.js';
import { isObject } from './json-fields.js';
import { localLogStore, LogStoreError } from './log-store.js';
import { readEventLogLines, UnsupportedCodecError } from './read-lines.js';
import { SummaryBuilder, type SummaryBuilderOptions } from './summary-builder.js';
import { taskEndText } from './task-end-text.js';

/** How to summarize: Airflow app-name pattern, per-stage distributions, exact-quantile limit, progress. */
export interface SummarizeOptions extends Pick<SummaryBuilderOptions, 'appNamePattern' | 'onStageDistribution' | 'exactDurationLimit'> {
  /** Hears how many bytes of the log's files (as on disk) have been read. */
  onBytesRead?: (bytes: number) => void;
}

export interface LogSummary {
  /** The row, or null when the input is not a usable event log. */
  summary: ApplicationSummary | null;
  /** One plain line per problem, naming the input. */
  problems: string[];
}

/**
 * Summarizes one event log (one application attempt). Lines are streamed; the event name is
 * read before parsing, so events the summary does not need are never parsed. Unparsable lines
 * are counted in `metrics_quality`; an unreadable, empty or non-event-log input is a problem. A part its store
 * could not fetch (S3 down, access denied) throws a LogStoreError: the log may be fine, so nothing is concluded.
 */
export async function summarizeEventLog(input: EventLogInput, options: SummarizeOptions = {}): Promise<LogSummary> {
  const store = input.store ?? localLogStore;
  const sizes = await Promise.all(input.parts.map((part) => store.info(part).then((info) => info.size)));
  if (sizes.every((size) => size === 0)) return rejected(input, 'the file is empty, so it is not a Spark event log');
  const { onBytesRead, ...builderOptions } = options;
  const builder = new SummaryBuilder(builderOptions);
  try {
    await readEventLogLines(input.parts, (line) => feed(builder, line), onBytesRead, store);
  } catch (error) {
    return readFailure(input, builder, error);
  }
  if (builder.eventCount === 0) return rejected(input, 'no Spark listener events found, so it is not a Spark event log');
  if (!builder.identified) {
    return rejected(input, 'no SparkListenerApplicationStart event, so the application cannot be identified');
  }
  return { summary: builder.finish(), problems: [] };
}

function feed(builder: SummaryBuilder, line: Buffer): void {
  const name = eventNameOf(line);
  if (name !== null && !SUMMARY_EVENTS.has(name)) {
    builder.noteSkipped();
    return;
  }
  if (name === null && isBlank(line)) return;
  let event: unknown;
  try {
    event = JSON.parse(name === 'SparkListenerTaskEnd' ? taskEndText(line) : line.toString('utf8'));
  } catch {
    builder.noteUnparsable(name);
    return;
  }
  if (isObject(event) && typeof event.Event === 'string') builder.add(event);
  else builder.noteUnparsable(name);
}

function readFailure(input: EventLogInput, builder: SummaryBuilder, error: unknown): LogSummary {
  if (error instanceof LogStoreError) throw error;
  if (error instanceof UnsupportedCodecError) return rejected(input, `${error.message}; decompress it first`);
  const reason = error instanceof Error ? error.message : String(error);
  const problem = `${input.name}: could not be read to the end (${reason}).`;
  if (!builder.identified) return { summary: null, problems: [problem] };
  const summary = builder.finish();
  summary.status = 'incomplete';
  summary.failure_reason = null;
  summary.metrics_quality.push(`the log could not be read to the end (${reason}); figures cover the part read`);
  return { summary, problems: [problem] };
}

function rejected(input: EventLogInput, reason: string): LogSummary {
  return { summary: null, problems: [`${input.name}: ${reason}; skipped.`] };
}

function isBlank(line: Buffer): boolean {
  for (const byte of line) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
