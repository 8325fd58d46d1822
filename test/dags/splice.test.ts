import { describe, expect, it } from 'vitest';
import { applySplices } from '../../src/dags/splice.js';

describe('applySplices', () => {
  const source = 'conf = {"a": "16g"}\n';

  it('applies splices right to left, so that offsets stay valid', () => {
    const splices = [
      { start: 14, end: 17, expected: '16g', replacement: '8g' },
      { start: 18, end: 18, expected: '', replacement: ', "b": "1"', preceding: '"' },
    ];
    expect(applySplices(source, splices)).toBe('conf = {"a": "8g", "b": "1"}\n');
  });

  it('gives null when the text is no longer where it was expected', () => {
    expect(applySplices(source, [{ start: 14, end: 17, expected: '12g', replacement: '8g' }])).toBeNull();
    expect(applySplices(source, [{ start: 18, end: 18, expected: '', replacement: 'x', preceding: 'g' }])).toBeNull();
  });

  it('gives null for overlapping splices and for two insertions at one spot', () => {
    expect(applySplices(source, [
      { start: 13, end: 18, expected: '"16g"', replacement: '"8g"' },
      { start: 14, end: 17, expected: '16g', replacement: '8g' },
    ])).toBeNull();
    expect(applySplices(source, [
      { start: 18, end: 18, expected: '', replacement: 'x' },
      { start: 18, end: 18, expected: '', replacement: 'y' },
    ])).toBeNull();
  });

  it('allows an insertion right after a replaced value', () => {
    const splices = [
      { start: 14, end: 17, expected: '16g', replacement: '8g' },
      { start: 17, end: 17, expected: '', replacement: 'b' },
    ];
    expect(applySplices(source, splices)).toBe('conf = {"a": "8gb"}\n');
  });
});
