import { DEFAULT_REDACTION } from '../metrics/eventlog/redact-conf.js';
import { redactText } from '../metrics/eventlog/redact-text.js';
import { REDACTED } from '../metrics/eventlog/spark-config.js';

const RULES = { patterns: [DEFAULT_REDACTION], everything: false };

/**
 * A last pass over everything a tool returns (summaries are already redacted when read): the value of any key
 * that names a secret, URL credentials and `key=value` secrets inside any text. Returns a redacted copy.
 */
export function redactResult<T>(value: T): T {
  return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value, RULES);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = typeof item === 'string' && DEFAULT_REDACTION.test(key) ? REDACTED : redactValue(item);
  }
  return copy;
}
