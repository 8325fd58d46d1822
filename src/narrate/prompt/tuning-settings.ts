import type { Redaction } from '../../metrics/eventlog/redact-conf.js';
import { redactSparkConf } from '../../metrics/eventlog/redact-conf.js';

/**
 * The Spark settings an analysis is about: memory, cores, executors, dynamic allocation, shuffle and AQE.
 * Nothing else of `spark_conf` (class paths, Java options, environment, credentials) goes into a prompt.
 */
const TUNING_KEY =
  /^spark\.(executor\.(memory|memoryOverhead|memoryOverheadFactor|cores|instances)|driver\.(memory|memoryOverhead|cores|maxResultSize)|dynamicAllocation\.[A-Za-z.]+|sql\.shuffle\.partitions|sql\.adaptive\.[A-Za-z.]+|memory\.(fraction|storageFraction|offHeap\.enabled|offHeap\.size)|default\.parallelism|speculation|task\.cpus|yarn\.executor\.memoryOverhead|kubernetes\.memoryOverheadFactor)$/;

/** The tuning settings of one run's properties (plus any key a recommendation names), secrets redacted. */
export function tuningSettings(conf: Readonly<Record<string, string>>, redaction: Redaction, extraKeys: string[] = []): Record<string, string> {
  const wanted = new Set(extraKeys);
  const picked: Record<string, string> = {};
  for (const key of Object.keys(conf).sort()) {
    const value = conf[key];
    if (value !== undefined && (TUNING_KEY.test(key) || wanted.has(key))) picked[key] = value;
  }
  return redactSparkConf(picked, redaction).conf;
}
