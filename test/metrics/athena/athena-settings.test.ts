import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../src/config/env.js';
import { ATHENA_DEFAULTS, athenaSettingsFromEnv } from '../../../src/metrics/athena/athena-settings.js';

const ENV: AppEnv = {
  metrics_source: 'athena',
  event_log_dir: null,
  athena: { database: 'spark_metrics', table: 'application_summaries', workgroup: null, output_location: 's3://bucket/results/' },
  aws_region: null,
  bedrock_model_id: null,
};

function withAthena(athena: Partial<AppEnv['athena']>): AppEnv {
  return { ...ENV, athena: { ...ENV.athena, ...athena } };
}

describe('athenaSettingsFromEnv()', () => {
  it('takes the ATHENA_* settings and the defaults for polling, timeout and retries', () => {
    expect(athenaSettingsFromEnv(ENV)).toEqual({ ok: true, settings: { ...ENV.athena, region: null, ...ATHENA_DEFAULTS } });
  });

  it('takes the query timeout from ATHENA_QUERY_TIMEOUT_SECONDS', () => {
    const result = athenaSettingsFromEnv(withAthena({ query_timeout_seconds: 45 }));
    expect(result.ok && result.settings.timeout_ms).toBe(45_000);
  });

  it('retries throttling well beyond the SDK default of 3 attempts', () => {
    expect(ATHENA_DEFAULTS.retry.max_attempts).toBeGreaterThanOrEqual(8);
  });

  it.each([
    [{ database: null }, 'ATHENA_DATABASE is not set; set it to the Glue database of the summary table.'],
    [{ table: null }, 'ATHENA_TABLE is not set; set it to the Iceberg table of application summaries.'],
    [{ database: 'my-db' }, 'ATHENA_DATABASE must be a Glue database name (letters, digits, _), not "my-db".'],
    [{ table: 'summaries"--' }, 'ATHENA_TABLE must be a table name (letters, digits, _), not "summaries"--".'],
    [{ workgroup: 'a b' }, 'ATHENA_WORKGROUP must be a workgroup name (letters, digits, ., _, -), not "a b".'],
    [{ output_location: null }, 'Set ATHENA_WORKGROUP or ATHENA_OUTPUT_LOCATION, where Athena writes query results.'],
  ])('refuses %j in one sentence', (athena, message) => {
    expect(athenaSettingsFromEnv(withAthena(athena))).toEqual({ ok: false, message });
  });
});
