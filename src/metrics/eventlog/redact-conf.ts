import { REDACTED } from './spark-config.js';

/** Spark's default `spark.redaction.regex`: `(?i)secret|password|token|access[.]key`. */
export const DEFAULT_REDACTION = /secret|password|token|access[.]key/i;

export interface RedactionResult {
  conf: Record<string, string>;
  /** Set when the log's own `spark.redaction.regex` could not be used (then every value is redacted). */
  note: string | null;
}

/**
 * Spark properties with secrets replaced by `*********(redacted)`, as Spark does: a property
 * is redacted when its key or its value matches Spark's default pattern or the log's own
 * `spark.redaction.regex`. A custom pattern that JavaScript cannot compile redacts every
 * value, so an unknown pattern never leaks a secret.
 */
export function redactSparkConf(props: Readonly<Record<string, string>>): RedactionResult {
  const custom = props['spark.redaction.regex'];
  const patterns = [DEFAULT_REDACTION];
  let note: string | null = null;
  if (custom !== undefined && custom !== REDACTED) {
    const compiled = compileJavaRegex(custom);
    if (compiled) patterns.push(compiled);
    else note = 'the log\'s spark.redaction.regex could not be applied, so every spark_conf value is redacted';
  }
  const conf: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    const secret = note !== null || patterns.some((pattern) => pattern.test(key) || pattern.test(value));
    conf[key] = secret ? REDACTED : value;
  }
  return { conf, note };
}

/** A Java regex as a JavaScript RegExp (the common `(?i)` prefix becomes the `i` flag), or null. */
export function compileJavaRegex(source: string): RegExp | null {
  const caseInsensitive = source.startsWith('(?i)');
  const body = caseInsensitive ? source.slice(4) : source;
  try {
    return new RegExp(body, caseInsensitive ? 'i' : '');
  } catch {
    return null;
  }
}
