import { describe, expect, it } from 'vitest';
import { parseDocument, type Scalar } from 'yaml';
import { flowScalarSegments } from '../../../src/dags/dag-factory/flow-scalar-segments.js';

/** The segments of the scalar `key: <written>` as `yaml` parses it, checked against the source. */
function segmentsOf(written: string): ReturnType<typeof flowScalarSegments> {
  const source = `key: ${written}\n`;
  const node = parseDocument(source, { keepSourceTokens: true }).get('key', true) as Scalar;
  const [start, end] = node.range ?? [0, 0];
  const raw = source.slice(start, end);
  const quote = raw.startsWith('"') ? '"' : raw.startsWith("'") ? "'" : '';
  const segments = flowScalarSegments(raw, start, quote, String(node.value));
  for (const segment of segments ?? []) {
    if (segment.start !== null) expect(source.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
  }
  return segments;
}

describe('flowScalarSegments', () => {
  it('keeps the characters around escape sequences editable in a double-quoted scalar', () => {
    expect(segmentsOf('"a=\\"x\\" b=1\\tc"')).toEqual([
      { text: 'a=', start: 6 }, { text: '"', start: null }, { text: 'x', start: 10 }, { text: '"', start: null },
      { text: ' b=1', start: 13 }, { text: '\t', start: null }, { text: 'c', start: 19 },
    ]);
  });

  it('folds the lines of plain and quoted scalars into spaces, and empty lines into line breaks', () => {
    expect(segmentsOf('--conf a=1\n  --conf b=2')?.map((segment) => segment.text)).toEqual(['--conf a=1', ' ', '--conf b=2']);
    expect(segmentsOf('"one\n\n  two"')?.map((segment) => segment.text)).toEqual(['one', '\n', 'two']);
    expect(segmentsOf("'it''s\n  here'")?.map((segment) => segment.text)).toEqual(['it', "'", 's', ' ', 'here']);
  });

  it('joins the lines of an escaped line break without a space', () => {
    expect(segmentsOf('"abc\\\n  def"')?.map((segment) => segment.text)).toEqual(['abc', 'def']);
  });

  it('decodes hexadecimal and unicode escapes as segments that are not the source', () => {
    expect(segmentsOf('"x\\x41\\u00e9y"')).toEqual([{ text: 'x', start: 6 }, { text: 'Aé', start: null }, { text: 'y', start: 17 }]);
  });

  it('gives nothing when its reading does not match the parsed value', () => {
    expect(flowScalarSegments('"a\\qb"', 0, '"', 'a?b')).toBeNull();
    expect(flowScalarSegments('plain', 0, '', 'other')).toBeNull();
  });
});
