import { describe, expect, it } from 'vitest';
import { plainScalarKind, renderYamlScalar } from '../../../src/dags/dag-factory/plain-scalars.js';

describe('plainScalarKind', () => {
  it.each([
    ['8g', 'string'], ['--conf spark.a=1', 'string'], ['s3://acme/app.py', 'string'], ['-XX:+UseG1GC', 'string'],
    ['400', 'number'], ['0.6', 'number'], ['-1', 'number'],
    ['yes', 'other'], ['Off', 'other'], ['true', 'other'], ['~', 'other'], ['null', 'other'], ['2024-01-01', 'other'],
    ['0x1f', 'other'], ['010', 'other'], ['1_000', 'other'], ['1:30', 'other'], ['.inf', 'other'], ['', 'other'],
    [' 8g', 'other'], ['a: b', 'other'], ['a #b', 'other'], ['*alias', 'other'], ['- x', 'other'], ['[x]', 'other'],
  ])('%j reads as %s', (text, kind) => {
    expect(plainScalarKind(text)).toBe(kind);
  });
});

describe('renderYamlScalar', () => {
  it('writes a string unquoted when the neighbours are and it stays a string, else in quotes', () => {
    expect(renderYamlScalar('8g', '')).toBe('8g');
    expect(renderYamlScalar('400', '')).toBe('"400"');
    expect(renderYamlScalar('true', '')).toBe('"true"');
    expect(renderYamlScalar('8g', "'")).toBe("'8g'");
    expect(renderYamlScalar('8g', '"')).toBe('"8g"');
  });
});
