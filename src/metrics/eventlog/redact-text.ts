import type { ApplicationSummary } from '../summary.js';
import { isSecret, type Redaction } from './redact-conf.js';
import { REDACTED } from './spark-config.js';

/** `scheme://user:password@host` — the password part. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+):([^\s/@]+)@/gi;
/** `key=value` (also inside URLs' query strings and command lines), JSON's `"key": "value"` and YAML's `key: "value"`. */
const KEY_VALUE =
  /([A-Za-z_][\w.-]*)(=)("[^"]*"|'[^']*'|[^\s,;&)\]}'"]+)|"([A-Za-z_][\w.-]*)"(\s*:\s*)("(?:[^"\\]|\\.)*")|\b([A-Za-z_][\w.-]*)(\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*')/g;

/**
 * Free text from a log (exception messages, failure reasons) with secrets replaced by
 * `*********(redacted)`: the password of URL credentials, and the value of every `key=value`
 * or `"key": "value"` whose key matches the application's redaction patterns (Spark's default
 * and its `spark.redaction.regex`; every such value when that pattern could not be used).
 */
export function redactText(text: string, redaction: Redaction): string {
  return text
    .replace(URL_CREDENTIALS, (_match, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
    .replace(KEY_VALUE, (match, key?: string, equals?: string, _value?: string, jsonKey?: string, colon?: string, _json?: string, bareKey?: string, bareColon?: string, quoted?: string) => {
      if (key !== undefined) return isSecret(redaction, key) ? `${key}${equals}${REDACTED}` : match;
      if (jsonKey !== undefined && isSecret(redaction, jsonKey)) return `"${jsonKey}"${colon}"${REDACTED}"`;
      if (bareKey !== undefined && quoted !== undefined && isSecret(redaction, bareKey)) return `${bareKey}${bareColon}${quoted[0]}${REDACTED}${quoted[0]}`;
      return match;
    });
}

/** Failure texts come from exception messages, which may quote credentials: `failure_reason` and `failure_causes`, redacted. */
export function redactFailureText(row: ApplicationSummary, redaction: Redaction): void {
  if (row.failure_reason !== null) row.failure_reason = redactText(row.failure_reason, redaction);
  row.failure_causes = row.failure_causes.map(({ cause, count }) => ({ cause: redactText(cause, redaction), count }));
}
