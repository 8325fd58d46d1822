import { REDACTED } from './spark-config.js';

/** Spark's default `spark.redaction.regex`: `(?i)secret|password|token|access[.]key`. */
export const DEFAULT_REDACTION = /secret|password|token|access[.]key/i;

/** What to redact in one application's properties and texts. */
export interface Redaction {
  /** Spark's default pattern, plus the log's own `spark.redaction.regex` when it compiles. */
  patterns: RegExp[];
  /** True when the log's own pattern could not be used: then every value is redacted. */
  everything: boolean;
}

export interface RedactionResult {
  conf: Record<string, string>;
  /** Set when the log's own `spark.redaction.regex` could not be used (then every value is redacted). */
  note: string | null;
}

/** The redaction rules of an application: Spark's default pattern and its `spark.redaction.regex`. */
export function redactionOf(props: Readonly<Record<string, string>>): Redaction {
  const custom = props['spark.redaction.regex'];
  if (custom === undefined || custom === REDACTED) return { patterns: [DEFAULT_REDACTION], everything: false };
  const compiled = compileJavaRegex(custom);
  return compiled ? { patterns: [DEFAULT_REDACTION, compiled], everything: false } : { patterns: [DEFAULT_REDACTION], everything: true };
}

/** Whether a key (or a value) names a secret under these rules. */
export function isSecret(redaction: Redaction, text: string): boolean {
  return redaction.everything || redaction.patterns.some((pattern) => pattern.test(text));
}

/**
 * Spark properties with secrets replaced by `*********(redacted)`, as Spark does: a property
 * is redacted when its key or its value matches Spark's default pattern or the log's own
 * `spark.redaction.regex`. A custom pattern that JavaScript cannot compile redacts every
 * value, so an unknown pattern never leaks a secret.
 */
export function redactSparkConf(props: Readonly<Record<string, string>>, redaction = redactionOf(props)): RedactionResult {
  const conf: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    conf[key] = isSecret(redaction, key) || isSecret(redaction, value) ? REDACTED : value;
  }
  const note = redaction.everything ? 'the log\'s spark.redaction.regex could not be applied, so every spark_conf value is redacted' : null;
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
