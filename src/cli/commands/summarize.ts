import { summarizeEventLogs } from '../../metrics/eventlog/summarize-event-logs.js';
import { EXIT, type CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage-error.js';

const USAGE = 'spark-tuner summarize <log or dir>...';

/** Event logs → JSON Lines, one ApplicationSummary per application attempt; unreadable files are named on stderr. */
export async function summarizeCommand(argv: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandLine({ args: argv, options: {}, strict: true, allowPositionals: true }, USAGE);
  if (positionals.length === 0) throw new UsageError(`Give at least one event log or directory. Usage: ${USAGE}`);
  const { summaries, problems } = await summarizeEventLogs(positionals);
  for (const problem of problems) io.stderr(`${problem}\n`);
  for (const summary of summaries) io.stdout(`${JSON.stringify(summary)}\n`);
  return summaries.length === 0 ? EXIT.failed : EXIT.ok;
}
