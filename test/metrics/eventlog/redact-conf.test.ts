import { describe, expect, it } from 'vitest';
import { compileJavaRegex, redactSparkConf } from '../../../src/metrics/eventlog/redact-conf.js';

const REDACTED = '*********(redacted)';

describe('redactSparkConf', () => {
  it('redacts keys or values matching Spark\'s default pattern', () => {
    const { conf, note } = redactSparkConf({
      'spark.hadoop.fs.s3a.secret.key': 'abc',
      'spark.hadoop.fs.s3a.access.key': 'AKIA123',
      'spark.ssl.keyPassword': 'pw',
      'spark.myapp.header': 'Bearer TOKEN-1',
      'spark.executor.memory': '4g',
    });
    expect(conf).toEqual({
      'spark.hadoop.fs.s3a.secret.key': REDACTED,
      'spark.hadoop.fs.s3a.access.key': REDACTED,
      'spark.ssl.keyPassword': REDACTED,
      'spark.myapp.header': REDACTED,
      'spark.executor.memory': '4g',
    });
    expect(note).toBeNull();
  });

  it('adds the log\'s own spark.redaction.regex, with Java\'s (?i) flag', () => {
    const { conf } = redactSparkConf({ 'spark.redaction.regex': '(?i)apikey|credential', 'spark.vendor.APIKEY': 'k', 'spark.app.name': 'etl' });
    expect(conf['spark.vendor.APIKEY']).toBe(REDACTED);
    expect(conf['spark.app.name']).toBe('etl');
  });

  it('redacts every value when the log\'s pattern cannot be compiled', () => {
    const { conf, note } = redactSparkConf({ 'spark.redaction.regex': '(?<bad', 'spark.app.name': 'etl' });
    expect(conf['spark.app.name']).toBe(REDACTED);
    expect(note).toMatch(/could not be applied/);
  });

  it('compiles Java patterns it can translate', () => {
    expect(compileJavaRegex('(?i)secret')?.test('MY_SECRET')).toBe(true);
    expect(compileJavaRegex('secret')?.test('MY_SECRET')).toBe(false);
    expect(compileJavaRegex('[')).toBeNull();
  });
});
