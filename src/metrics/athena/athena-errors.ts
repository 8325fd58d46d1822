import { isThrottlingError } from '@smithy/core/retry';
import { MetricsError } from '../metrics-error.js';

type SdkError = Parameters<typeof isThrottlingError>[0];

/**
 * An error from an Athena call as one sentence for the user: MetricsErrors as they are; throttling and server
 * errors that outlasted the SDK's retries; any other AWS error with its name and Athena's message.
 */
export function athenaFailure(error: unknown, attempts: number): MetricsError {
  if (error instanceof MetricsError) return error;
  if (!(error instanceof Error)) return new MetricsError(`The Athena query failed: ${String(error)}.`);
  const status = (error as SdkError).$metadata?.httpStatusCode;
  if (isThrottlingError(error as SdkError)) {
    return new MetricsError(`Athena kept throttling spark-tuner's query after ${attempts} attempts (${error.name}); try again in a few minutes.`);
  }
  if (status !== undefined && status >= 500) {
    return new MetricsError(`Athena kept failing with HTTP ${status} after ${attempts} attempts (${error.name}); try again in a few minutes.`);
  }
  const message = sentence(error.message);
  if (status !== undefined) return new MetricsError(`Athena refused the summary query (${error.name}): ${message}.`);
  return new MetricsError(`The Athena query could not be run or read: ${message}.`);
}

function sentence(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean || 'no details';
}
