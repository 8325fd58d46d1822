import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/config/env.js';
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

  it('says Athena is not supported yet instead of failing', () => {
    const { dirs, factory } = fakeFactory();
    const get = metricsSourceFromEnv({ ok: true, env: { ...ENV, metrics_source: 'athena' } }, factory);
    expect(get()).toEqual({
      ok: false,
      message:
        'METRICS_SOURCE=athena is not supported yet; ask whoever runs the app to set METRICS_SOURCE=eventlogs and EVENT_LOG_DIR for now.',
    });
    expect(dirs).toEqual([]);
  });

  it('passes configuration problems on to the user', () => {
    const get = metricsSourceFromEnv({ ok: false, problems: ['A is wrong.', 'B is missing.'] }, fakeFactory().factory);
    expect(get()).toEqual({
      ok: false,
      message: 'spark-tuner is not configured correctly: A is wrong. B is missing. Ask whoever runs the app to fix its settings.',
    });
  });
});
