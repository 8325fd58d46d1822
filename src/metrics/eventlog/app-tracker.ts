import type { ApplicationSummary } from '../summary.js';
import { airflowLinkage } from './airflow-linkage.js';
import { clusterId, HOST_PROPERTY_KEYS } from './cluster-id.js';
import { isObject, numberField, stringField, type JsonObject } from './json-fields.js';
import { redactionOf, redactSparkConf, type Redaction } from './redact-conf.js';
import { REDACTED, sparkConfigColumns } from './spark-config.js';
import { team } from './team.js';

/** Application metadata, Spark properties and the configuration, linkage and metadata columns they give. */
export class AppTracker {
  appId: string | null = null;
  attemptId: string | null = null;
  appName: string | null = null;
  user: string | null = null;
  startTime: number | null = null;
  endTime: number | null = null;
  exitCode: number | null = null;
  sparkVersion: string | null = null;
  /** Spark properties, or null when the log had no (readable) EnvironmentUpdate. */
  props: Record<string, string> | null = null;
  /** The few System and Hadoop properties that identify the cluster. */
  private readonly host: { system: Record<string, string>; hadoop: Record<string, string> } = { system: {}, hadoop: {} };

  onLogStart(event: JsonObject): void {
    this.sparkVersion ??= nonEmpty(stringField(event, 'Spark Version'));
  }

  /** Databricks logs name the version only in `DBCEventLoggingListenerMetadata`. */
  onDatabricksMetadata(event: JsonObject): void {
    this.sparkVersion ??= nonEmpty(stringField(event, 'Spark Version'));
  }

  /** Later updates (Spark posts one per addJar/addFile) extend the first. */
  onEnvironmentUpdate(event: JsonObject): void {
    readProperties(event['System Properties'], this.host.system, (key) => HOST_PROPERTY_KEYS.has(key));
    readProperties(event['Hadoop Properties'], this.host.hadoop, (key) => HOST_PROPERTY_KEYS.has(key));
    const props = this.props ?? {};
    if (readProperties(event['Spark Properties'], props, () => true)) this.props = props;
  }

  /** The application's redaction rules (Spark's default and its own `spark.redaction.regex`). */
  redaction(): Redaction {
    return redactionOf(this.props ?? {});
  }

  onApplicationStart(event: JsonObject): void {
    if (this.appId !== null) return;
    this.appId = nonEmpty(stringField(event, 'App ID'));
    this.attemptId = nonEmpty(stringField(event, 'App Attempt ID'));
    this.appName = stringField(event, 'App Name') ?? null;
    this.user = stringField(event, 'User') ?? null;
    this.startTime = numberField(event, 'Timestamp') ?? null;
  }

  onApplicationEnd(event: JsonObject): void {
    this.endTime = numberField(event, 'Timestamp') ?? this.endTime;
    this.exitCode = numberField(event, 'ExitCode') ?? null;
  }

  /** Fills metadata, configuration, `spark_conf` and Airflow linkage; returns a redaction note, if any. */
  fill(row: ApplicationSummary, appNamePattern: RegExp | undefined): string | null {
    const props = this.props ?? {};
    const property = (key: string): string | null => {
      const value = props[key];
      return value === undefined || value === REDACTED ? null : value;
    };
    row.attempt_id = this.attemptId;
    row.app_name = this.appName ?? property('spark.app.name');
    row.spark_version = this.sparkVersion;
    row.user = this.user;
    row.master = property('spark.master');
    row.yarn_queue = property('spark.yarn.queue');
    row.cluster_id = clusterId(props, this.host);
    row.team = team(props);
    row.start_time = this.startTime;
    row.end_time = this.endTime;
    row.duration_ms = this.startTime !== null && this.endTime !== null ? this.endTime - this.startTime : null;
    Object.assign(row, sparkConfigColumns(props), airflowLinkage(props, row.app_name, appNamePattern));
    const { conf, note } = redactSparkConf(props);
    row.spark_conf = conf;
    return note;
  }
}

/**
 * Copies the properties `keep` accepts from an EnvironmentUpdate section (an object, or an
 * array of [key, value] pairs in old logs) into `into`; false when the section is absent.
 */
function readProperties(raw: unknown, into: Record<string, string>, keep: (key: string) => boolean): boolean {
  if (Array.isArray(raw)) {
    for (const pair of raw) {
      if (Array.isArray(pair) && typeof pair[0] === 'string' && pair[1] !== undefined && keep(pair[0])) into[pair[0]] = String(pair[1]);
    }
    return true;
  }
  if (!isObject(raw)) return false;
  for (const [key, value] of Object.entries(raw)) if (keep(key)) into[key] = String(value);
  return true;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
