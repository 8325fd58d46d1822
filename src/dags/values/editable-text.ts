import type { SourceRange } from '../types.js';
import type { ScalarValue, TextSegment, Value } from './value.js';

/** A piece of text that can be replaced in place: its characters sit, unchanged, at `range`. */
export interface EditableText {
  text: string;
  range: SourceRange;
}

export type ScalarReading =
  | { kind: 'text'; literal: 'string' | 'number'; editable: EditableText; scalar: ScalarValue }
  | { kind: 'problem'; reason: string };

/** The value of a setting written as one plain string or number, or why it is not one (ends a sentence). */
export function readScalar(value: Value): ScalarReading {
  if (value.kind === 'opaque') return { kind: 'problem', reason: value.reason };
  if (value.kind === 'dict' || value.kind === 'list') return { kind: 'problem', reason: `is a ${value.kind}, not a plain value` };
  if (value.kind === 'boolean' || value.kind === 'null') {
    return { kind: 'problem', reason: `is ${value.text}, not a string or number` };
  }
  if (isTemplate(value.text)) return { kind: 'problem', reason: 'is an Airflow template ({{ … }}), rendered only at run time' };
  const editable = sliceSegments(value.segments, 0, value.text.length);
  if (!editable) return { kind: 'problem', reason: segmentProblem(value) };
  return { kind: 'text', literal: value.kind, editable, scalar: value };
}

/** True when text holds Jinja that Airflow renders at run time. */
export function isTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/**
 * The source range of `text.slice(from, to)` when those characters are written as they are, in one segment;
 * null when they span several literals or escape sequences.
 */
export function sliceSegments(segments: TextSegment[], from: number, to: number): EditableText | null {
  let offset = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    if (from >= offset && to <= end) {
      if (segment.start === null) return null;
      const start = segment.start + (from - offset);
      return { text: segment.text.slice(from - offset, to - offset), range: { start, end: start + (to - from) } };
    }
    if (from < end) return null;
    offset = end;
  }
  return null;
}

function segmentProblem(value: ScalarValue): string {
  if (value.segments.length > 1 && value.segments.every((segment) => segment.start !== null)) {
    return 'is built by joining several string literals';
  }
  if (value.quote.startsWith('|') || value.quote.startsWith('>')) return 'is a multi-line YAML block';
  return 'contains escape sequences';
}
