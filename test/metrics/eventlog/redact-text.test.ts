import { describe, expect, it } from 'vitest';
import { redactionOf } from '../../../src/metrics/eventlog/redact-conf.js';
import { redactText } from '../../../src/metrics/eventlog/redact-text.js';

const R = '*********(redacted)';
const spark = redactionOf({});

describe('redactText', () => {
  it('redacts key=value pairs whose key matches Spark\'s redaction pattern', () => {
    expect(redactText('Job aborted: SQLException url=jdbc:postgresql://db:5432/x?user=etl&password=hunter2&ssl=true', spark))
      .toBe(`Job aborted: SQLException url=jdbc:postgresql://db:5432/x?user=etl&password=${R}&ssl=true`);
    expect(redactText('spark.hadoop.fs.s3a.secret.key=abc123 spark.executor.memory=4g', spark))
      .toBe(`spark.hadoop.fs.s3a.secret.key=${R} spark.executor.memory=4g`);
    expect(redactText('{"auth_token": "eyJhbGciOi", "user": "etl"}', spark)).toBe(`{"auth_token": "${R}", "user": "etl"}`);
  });

  it('redacts the password of URL credentials', () => {
    expect(redactText('Failed to connect to jdbc:mysql://etl_user:s3cr3t!@db.internal:3306/sales', spark))
      .toBe(`Failed to connect to jdbc:mysql://etl_user:${R}@db.internal:3306/sales`);
  });

  it('uses the log\'s own spark.redaction.regex, and redacts every value when it cannot be compiled', () => {
    expect(redactText('apikey=k1 region=us-east-1', redactionOf({ 'spark.redaction.regex': '(?i)apikey' }))).toBe(`apikey=${R} region=us-east-1`);
    expect(redactText('region=us-east-1', redactionOf({ 'spark.redaction.regex': '(?<bad' }))).toBe(`region=${R}`);
  });

  it('redacts a whole secret value, punctuation and spaces included', () => {
    expect(redactText('login failed: password=p@ss$w0rd!/x+y for etl', spark)).toBe(`login failed: password=${R} for etl`);
    expect(redactText('auth: token: "a b" rejected', spark)).toBe(`auth: token: "${R}" rejected`);
    expect(redactText("token: 'a b' rejected", spark)).toBe(`token: '${R}' rejected`);
    expect(redactText('password="p@ss w0rd" retry', spark)).toBe(`password=${R} retry`);
  });

  it('leaves text without secrets alone', () => {
    const text = 'java.lang.OutOfMemoryError: Java heap space; Task 3 in stage 5.0 failed 4 times (executor 2 exited with code 137)';
    expect(redactText(text, spark)).toBe(text);
  });
});
