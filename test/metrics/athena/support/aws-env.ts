import { vi } from 'vitest';
import type { AthenaSettings } from '../../../../src/metrics/athena/athena-settings.js';

/** Fake credentials and region, and the endpoint of the local Athena, for the real AthenaClient. */
export function stubAwsEnv(endpoint: string): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test-access-key-id');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_ENDPOINT_URL_ATHENA', endpoint);
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
}

/** Settings with short waits, so retries and polls are quick (no test asserts on time). */
export function testSettings(overrides: Partial<AthenaSettings> = {}): AthenaSettings {
  return {
    database: 'spark_metrics',
    table: 'application_summaries',
    workgroup: 'spark-tuner',
    output_location: 's3://results-bucket/spark-tuner/',
    region: 'us-east-1',
    timeout_ms: 10_000,
    poll: { first_ms: 1, max_ms: 4 },
    retry: { max_attempts: 10, base_ms: 1, max_delay_ms: 5 },
    ...overrides,
  };
}
