import { describe, expect, it } from 'vitest';
import { redactResult } from '../../src/mcp/redact-result.js';

const R = '*********(redacted)';

describe('redactResult', () => {
  it('redacts secret-named keys, URL credentials and key=value secrets at any depth, and copies', () => {
    const input = {
      spark_conf: { 'spark.hadoop.fs.s3a.access.key': 'AKIA123', 'spark.jdbc.url': 'jdbc:postgresql://etl:pw123@db/x', 'spark.executor.memory': '8g' },
      rows: [{ failure_reason: 'denied: token=abc123; retry', note: 'plain text' }],
      count: 3,
      flag: null,
    };
    const output = redactResult(input);
    expect(output).toEqual({
      spark_conf: { 'spark.hadoop.fs.s3a.access.key': R, 'spark.jdbc.url': `jdbc:postgresql://etl:${R}@db/x`, 'spark.executor.memory': '8g' },
      rows: [{ failure_reason: `denied: token=${R}; retry`, note: 'plain text' }],
      count: 3,
      flag: null,
    });
    expect(input.spark_conf['spark.hadoop.fs.s3a.access.key']).toBe('AKIA123');
  });
});
