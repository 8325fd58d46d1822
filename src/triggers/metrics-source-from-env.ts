import type { AppEnvResult } from '../config/env.js';
import { athenaSettingsFromEnv, type AthenaSettings } from '../metrics/athena/athena-settings.js';
import { athenaSource } from '../metrics/athena/athena-source.js';
import type { MetricsSource } from '../metrics/source.js';
import type { MetricsSourceResult } from './types.js';

/** Builds the event-log source for a directory (the real one reads Spark event logs from disk). */
export type EventLogSourceFactory = (dir: string) => MetricsSource;

/** Builds the Athena source from its settings (the app's adds logging of the bytes each query scanned). */
export type AthenaSourceFactory = (settings: AthenaSettings) => MetricsSource;

/**
 * The metrics source the environment asks for, built once on first use. A misconfigured app, or a source not
 * built yet, becomes a message the user who ran the command sees, instead of a crash of the server.
 */
export function metricsSourceFromEnv(
  result: AppEnvResult,
  eventLogs: EventLogSourceFactory,
  athena: AthenaSourceFactory = (settings) => athenaSource(settings),
): () => MetricsSourceResult {
  let cached: MetricsSourceResult | null = null;
  return () => {
    cached ??= build(result, eventLogs, athena);
    return cached;
  };
}

function build(result: AppEnvResult, eventLogs: EventLogSourceFactory, athena: AthenaSourceFactory): MetricsSourceResult {
  if (!result.ok) {
    const message = `spark-tuner is not configured correctly: ${result.problems.join(' ')} Ask whoever runs the app to fix its settings.`;
    return { ok: false, message };
  }
  const { env } = result;
  if (env.metrics_source === 'athena') {
    const settings = athenaSettingsFromEnv(env);
    if (!settings.ok) return { ok: false, message: `spark-tuner is not configured correctly: ${settings.message} Ask whoever runs the app to fix its settings.` };
    return { ok: true, source: athena(settings.settings) };
  }
  if (env.event_log_dir === null) {
    return { ok: false, message: 'METRICS_SOURCE=eventlogs needs EVENT_LOG_DIR, the directory of Spark event logs.' };
  }
  return { ok: true, source: eventLogs(env.event_log_dir) };
}
