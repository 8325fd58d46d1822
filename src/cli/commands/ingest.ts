import { ingestLogs, type IngestCounts } from '../../ingest/ingest-logs.js';
import { EXIT, processIo, type CliIo } from '../io.js';
import { intOption, parseCommandLine, UsageError } from '../usage-error.js';

const USAGE = 'spark-tuner ingest --event-logs <dir|s3://bucket/prefix> --out <dir|s3://bucket/prefix> [--concurrency N]';
const DEFAULT_CONCURRENCY = 4;
const PROGRESS_INTERVAL_MS = 250;
/** Progress appears only once a run has lasted this long. */
const PROGRESS_AFTER_MS = 1000;

export interface IngestCommandOptions {
  /** Show progress on stderr (default: when stderr is a terminal). */
  progress?: boolean;
  now?: () => number;
  signal?: AbortSignal;
}

/**
 * New or changed event logs → one JSON Lines row file per application attempt under `dt=YYYY-MM-DD/`, for the
 * summary table; a checkpoint at `--out` skips what was ingested before. Counts on stdout; one stderr line per
 * log that could not be used. Exit 1 only when nothing could be read (or the run was interrupted).
 */
export async function ingestCommand(argv: string[], io: CliIo, options: IngestCommandOptions = {}): Promise<number> {
  const { values } = parseCommandLine({
    args: argv,
    options: { 'event-logs': { type: 'string' }, out: { type: 'string' }, concurrency: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }, USAGE);
  if (!values['event-logs'] || !values.out) throw new UsageError(`--event-logs and --out are required. Usage: ${USAGE}`);
  const concurrency = intOption(values.concurrency, 'concurrency', DEFAULT_CONCURRENCY);
  const now = options.now ?? Date.now;
  const showProgress = options.progress ?? (io === processIo && process.stderr.isTTY === true);
  const started = now();
  let drawnAt = -Infinity;
  let shown = false;
  const clear = (): void => {
    if (shown) io.stderr('\r\x1b[K');
    shown = false;
  };
  const stop = options.signal ? null : interruptOnSignals();
  try {
    const result = await ingestLogs({
      eventLogs: values['event-logs'],
      out: values.out,
      concurrency,
      signal: options.signal ?? stop?.signal,
      onProblem: (line) => {
        clear();
        io.stderr(`${line}\n`);
      },
      onProgress: (done, total) => {
        const time = now();
        if (!showProgress || time - started < PROGRESS_AFTER_MS || time - drawnAt < PROGRESS_INTERVAL_MS) return;
        drawnAt = time;
        io.stderr(`\ringesting: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} logs (${Math.floor((done / total) * 100)}%)`);
        shown = true;
      },
    });
    clear();
    io.stdout(countsLine(result.counts));
    if (result.interrupted) {
      io.stderr('Interrupted: the logs ingested so far are in the checkpoint; the next run goes on from there.\n');
      return EXIT.failed;
    }
    const nothingRead = result.counts.read === 0 && (result.counts.failed > 0 || result.locationProblems > 0);
    return nothingRead ? EXIT.failed : EXIT.ok;
  } finally {
    stop?.dispose();
  }
}

function countsLine(counts: IngestCounts): string {
  return `read ${counts.read}, written ${counts.written}, skipped unchanged ${counts.unchanged}, `
    + `waiting incomplete ${counts.incomplete}, failed ${counts.failed}\n`;
}

/** SIGINT/SIGTERM stop the run after the logs being read (so the checkpoint keeps them); a second one kills. */
function interruptOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
