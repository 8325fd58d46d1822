import { describe, expect, it } from 'vitest';
import { readAppEnv } from '../../src/config/env.js';

describe('readAppEnv()', () => {
  it('defaults to event logs and treats blank variables as unset', () => {
    expect(readAppEnv({ EVENT_LOG_DIR: '/var/spark-events', BEDROCK_MODEL_ID: '  ', AWS_REGION: 'eu-west-1' })).toEqual({
      ok: true,
      env: {
        metrics_source: 'eventlogs',
        event_log_dir: '/var/spark-events',
        athena: { database: null, table: null, workgroup: null, output_location: null },
        aws_region: 'eu-west-1',
        bedrock_model_id: null,
      },
    });
  });

  it('needs EVENT_LOG_DIR for event logs', () => {
    expect(readAppEnv({ METRICS_SOURCE: 'eventlogs' })).toEqual({
      ok: false,
      problems: ['METRICS_SOURCE=eventlogs needs EVENT_LOG_DIR, the directory of Spark event logs.'],
    });
  });

  it('reads the Athena settings', () => {
    const result = readAppEnv({
      METRICS_SOURCE: 'athena',
      ATHENA_DATABASE: 'spark',
      ATHENA_TABLE: 'app_summaries',
      ATHENA_OUTPUT_LOCATION: 's3://bucket/results/',
    });
    expect(result).toMatchObject({
      ok: true,
      env: { metrics_source: 'athena', athena: { database: 'spark', table: 'app_summaries', workgroup: null, output_location: 's3://bucket/results/' } },
    });
  });

  it('reads the query timeout in seconds, and refuses one that is not a whole number', () => {
    const base = { METRICS_SOURCE: 'athena', ATHENA_DATABASE: 'spark', ATHENA_TABLE: 't', ATHENA_WORKGROUP: 'primary' };
    expect(readAppEnv({ ...base, ATHENA_QUERY_TIMEOUT_SECONDS: '90' })).toMatchObject({ ok: true, env: { athena: { query_timeout_seconds: 90 } } });
    expect(readAppEnv({ ...base, ATHENA_QUERY_TIMEOUT_SECONDS: '1.5' })).toEqual({
      ok: false,
      problems: ['ATHENA_QUERY_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 86400.'],
    });
  });

  it('names every missing Athena setting, one sentence each', () => {
    expect(readAppEnv({ METRICS_SOURCE: 'athena' })).toEqual({
      ok: false,
      problems: [
        'METRICS_SOURCE=athena needs ATHENA_DATABASE, the Glue database of the summary table.',
        'METRICS_SOURCE=athena needs ATHENA_TABLE, the Iceberg table of application summaries.',
        'METRICS_SOURCE=athena needs ATHENA_WORKGROUP or ATHENA_OUTPUT_LOCATION, where Athena writes query results.',
      ],
    });
  });

  it('reports malformed values in plain words', () => {
    expect(readAppEnv({ METRICS_SOURCE: 'hive', ATHENA_OUTPUT_LOCATION: 'bucket/results', AWS_REGION: 'Europe' })).toEqual({
      ok: false,
      problems: [
        'METRICS_SOURCE must be `eventlogs` or `athena`.',
        'ATHENA_OUTPUT_LOCATION must be an S3 URI such as s3://my-bucket/athena-results/.',
        'AWS_REGION must be a region name such as us-east-1.',
      ],
    });
  });
});
