/**
 * A metrics source could not answer: its message is one sentence fit for the person who ran the command (an
 * Athena query that failed with Athena's reason, a timeout, throttling that did not stop). Details go to the log.
 */
export class MetricsError extends Error {
  override readonly name = 'MetricsError';
}
