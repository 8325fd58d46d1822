import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/config/env.js';
import { ATHENA_DEFAULTS, type AthenaSettings } from '../../src/metrics/athena/athena-settings.js';
import { athenaSource } from '../../src/metrics/athena/athena-source.js';
import type { MetricsSource } from '../../src/metrics/source.js';
import { metricsSourceFromEnv } from '../../src/triggers/metrics-source-from-env.js';

const ENV: AppEnv = {
  metrics_source: 'eventlogs',
  event_log_dir: '/logs',
  athena: { database: null, table: null, workgroup: null, output_location: null },
  aws_region: null,
  bedrock_model_id: null,
};

function fakeFactory() {
  const dirs: string[] = [];
  const factory = (dir: string): MetricsSource => {
    dirs.push(dir);
    return { name: 'eventlogs', load: async () => ({ summaries: [], problems: [] }) };
  };
  return { dirs, factory };
}

describe('metricsSourceFromEnv()', () => {
  it('builds the event-log source for EVENT_LOG_DIR once', () => {
    const { dirs, factory } = fakeFactory();
    const get = metricsSourceFromEnv({ ok: true, env: ENV }, factory);
    const first = get();
    expect(first.ok && first.source.name).toBe('eventlogs');
    expect(get()).toBe(first);
    expect(dirs).toEqual(['/logs']);
  });

  it('builds the Athena source from the ATHENA_* settings', () => {
    const { dirs, factory } = fakeFactory();
    const seen: AthenaSettings[] = [];
    const athena = { database: 'spark_metrics', table: 'application_summaries', workgroup: 'primary', output_location: null };
    const get = metricsSourceFromEnv({ ok: true, env: { ...ENV, metrics_source: 'athena', athena, aws_region: 'eu-west-1' } }, factory, (settings) => {
      seen.push(settings);
      return athenaSource(settings);
    });
    const result = get();
    expect(result.ok && result.source.name).toBe('athena');
    expect(seen).toEqual([{ ...athena, region: 'eu-west-1', ...ATHENA_DEFAULTS }]);
    expect(dirs).toEqual([]);
  });

  it('refuses an Athena table name that is not an identifier, in one sentence', () => {
    const athena = { database: 'spark_metrics', table: 'x"; DROP', workgroup: 'primary', output_location: null };
    const get = metricsSourceFromEnv({ ok: true, env: { ...ENV, metrics_source: 'athena', athena } }, fakeFactory().factory);
    expect(get()).toEqual({
      ok: false,
      message:
        'spark-tuner is not configured correctly: ATHENA_TABLE must be a table name (letters, digits, _), not "x"; DROP". Ask whoever runs the app to fix its settings.',
    });
  });

  it('passes configuration problems on to the user', () => {
    const get = metricsSourceFromEnv({ ok: false, problems: ['A is wrong.', 'B is missing.'] }, fakeFactory().factory);
    expect(get()).toEqual({
      ok: false,
      message: 'spark-tuner is not configured correctly: A is wrong. B is missing. Ask whoever runs the app to fix its settings.',
    });
  });
});
