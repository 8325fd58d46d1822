import { AthenaClient } from '@aws-sdk/client-athena';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AthenaSettings } from './athena-settings.js';

/**
 * An AthenaClient with the SDK's standard credential and endpoint resolution (`AWS_ENDPOINT_URL_ATHENA` works)
 * and a retry strategy fit for a shared workgroup: throttling (ThrottlingException, TooManyRequestsException)
 * and 5xx are retried by the SDK up to `retry.max_attempts` times, with full-jitter exponential backoff capped
 * at `retry.max_delay_ms`.
 */
export function athenaClient(settings: Pick<AthenaSettings, 'region' | 'retry'>): AthenaClient {
  const { max_attempts: maxAttempts, base_ms: baseMs, max_delay_ms: maxDelayMs } = settings.retry;
  return new AthenaClient({
    ...(settings.region !== null ? { region: settings.region } : {}),
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt) => Math.round(Math.random() * Math.min(maxDelayMs, baseMs * 2 ** attempt))),
  });
}
