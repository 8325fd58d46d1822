/**
 * Finding a line's event name without parsing it: Spark writes `{"Event":"<name>",…` first,
 * so the name can be read from the first bytes and unneeded events (SQL plans can be
 * megabytes) are skipped without decoding or `JSON.parse`.
 */
const FAST_PREFIX = Buffer.from('{"Event":"', 'latin1');
const QUOTE = 0x22;
const LOOSE_PREFIX = /^\s*\{\s*"Event"\s*:\s*"([^"\\]+)"/;
const HEAD_BYTES = 256;

/**
 * The event name at the start of a line, or null when the line does not start with an
 * `Event` key (the caller then parses the whole line to find out).
 */
export function eventNameOf(line: Buffer): string | null {
  if (line.length > FAST_PREFIX.length && line.compare(FAST_PREFIX, 0, FAST_PREFIX.length, 0, FAST_PREFIX.length) === 0) {
    const end = line.indexOf(QUOTE, FAST_PREFIX.length);
    if (end > FAST_PREFIX.length) return line.toString('latin1', FAST_PREFIX.length, end);
  }
  const head = line.toString('latin1', 0, Math.min(line.length, HEAD_BYTES));
  return LOOSE_PREFIX.exec(head)?.[1] ?? null;
}

/** The events the summary reads; everything else is skipped unparsed. */
export const SUMMARY_EVENTS: ReadonlySet<string> = new Set([
  'SparkListenerLogStart',
  'DBCEventLoggingListenerMetadata',
  'SparkListenerEnvironmentUpdate',
  'SparkListenerApplicationStart',
  'SparkListenerApplicationEnd',
  'SparkListenerJobStart',
  'SparkListenerJobEnd',
  'SparkListenerStageSubmitted',
  'SparkListenerStageCompleted',
  'SparkListenerTaskStart',
  'SparkListenerTaskEnd',
  'SparkListenerExecutorAdded',
  'SparkListenerExecutorRemoved',
  'SparkListenerStageExecutorMetrics',
  'SparkListenerExecutorMetricsUpdate',
]);
