import { describe, expect, it } from 'vitest';
import { cellValue, fitsColumn } from '../../../src/metrics/athena/result-values.js';

describe('cellValue()', () => {
  it.each([
    ['bigint', '42', 42],
    ['bigint', '-7', -7],
    ['integer', '3', 3],
    ['double', '0.25', 0.25],
    ['double', '1.0E-4', 0.0001],
    ['double', '2.5E7', 25_000_000],
    ['double', 'NaN', Number.NaN],
    ['boolean', 'true', true],
    ['boolean', 'false', false],
    ['timestamp', '2026-11-20 12:00:00.000', Date.UTC(2026, 10, 20, 12)],
    ['timestamp', '2026-11-20 12:00:01.5', Date.UTC(2026, 10, 20, 12, 0, 1, 500)],
    ['timestamp(6)', '2026-11-20 12:00:01.123456', Date.UTC(2026, 10, 20, 12, 0, 1, 123)],
    ['timestamp', '2026-11-20 12:00:00', Date.UTC(2026, 10, 20, 12)],
    ['varchar', '{"a":1}', '{"a":1}'],
    ['varchar', '', ''],
  ])('reads %s %j as %j', (type, text, expected) => {
    expect(cellValue(type, text)).toEqual(expected);
  });

  it('reads a Datum without VarCharValue as null, whatever the type', () => {
    for (const type of ['bigint', 'double', 'boolean', 'timestamp', 'varchar']) expect(cellValue(type, undefined)).toBeNull();
  });

  it.each([
    ['bigint', '4.5'],
    ['bigint', ''],
    ['double', 'abc'],
    ['boolean', 'yes'],
    ['timestamp', '20 Nov 2026'],
  ])('refuses %s %j', (type, text) => {
    expect(() => cellValue(type, text)).toThrow(/is not/);
  });
});

describe('fitsColumn()', () => {
  it('accepts the types the catalog names, and compatible ones', () => {
    expect(fitsColumn('bigint', 'bigint')).toBe(true);
    expect(fitsColumn('integer', 'bigint')).toBe(true);
    expect(fitsColumn('double', 'double')).toBe(true);
    expect(fitsColumn('timestamp(6)', 'timestamp')).toBe(true);
    expect(fitsColumn('varchar', 'json')).toBe(true);
  });

  it('refuses a type that cannot hold the column', () => {
    expect(fitsColumn('varchar', 'bigint')).toBe(false);
    expect(fitsColumn('double', 'bigint')).toBe(false);
    expect(fitsColumn('bigint', 'boolean')).toBe(false);
    expect(fitsColumn('varchar', 'timestamp')).toBe(false);
  });
});
