import { describe, expect, it } from 'vitest';
import { readScalar, sliceSegments } from '../../../src/dags/values/editable-text.js';
import type { ScalarValue } from '../../../src/dags/values/value.js';

const joined = [{ text: '--conf a=1 ', start: 10 }, { text: '--conf b=2', start: 30 }];

describe('sliceSegments', () => {
  it('maps text inside one segment to its source characters', () => {
    expect(sliceSegments(joined, 9, 10)).toEqual({ text: '1', range: { start: 19, end: 20 } });
    expect(sliceSegments(joined, 20, 21)).toEqual({ text: '2', range: { start: 39, end: 40 } });
  });

  it('gives null across segments or inside an escape sequence', () => {
    expect(sliceSegments(joined, 9, 13)).toBeNull();
    expect(sliceSegments([{ text: 'a', start: 0 }, { text: '"', start: null }, { text: 'b', start: 3 }], 1, 2)).toBeNull();
  });
});

describe('readScalar', () => {
  const base = { range: { start: 0, end: 4 }, line: 3, via: [], origin: null, quote: '"' };

  it('reads a plain string or number written in one piece', () => {
    const scalar: ScalarValue = { ...base, kind: 'string', text: '8g', segments: [{ text: '8g', start: 1 }] };
    expect(readScalar(scalar)).toEqual({ kind: 'text', literal: 'string', editable: { text: '8g', range: { start: 1, end: 3 } }, scalar });
  });

  it.each([
    [{ kind: 'string', text: '{{ var.value.m }}', segments: [{ text: '{{ var.value.m }}', start: 1 }] }, 'is an Airflow template'],
    [{ kind: 'string', text: '8g', segments: [{ text: '8', start: 1 }, { text: 'g', start: 5 }] }, 'is built by joining several string literals'],
    [{ kind: 'string', text: 'a"b', segments: [{ text: 'a', start: 1 }, { text: '"', start: null }, { text: 'b', start: 4 }] }, 'contains escape sequences'],
    [{ kind: 'boolean', text: 'True', segments: [] }, 'is True, not a string or number'],
  ] as const)('explains why %j is not one plain value', (fields, reason) => {
    const reading = readScalar({ ...base, ...fields, segments: [...fields.segments] } as ScalarValue);
    expect(reading).toEqual({ kind: 'problem', reason: expect.stringContaining(reason) });
  });
});
