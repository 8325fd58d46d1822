import { sliceSegments, type EditableText } from '../values/editable-text.js';
import type { ScalarValue, Value } from '../values/value.js';

/** One command-line word (an `Args` item, or a word of a `sparkSubmitParameters` string). */
export interface Word {
  /** Its text, or null when it is not a literal (`reason` says why). */
  text: string | null;
  reason: string;
  /** For a computed word: text it is sure to start with, when there is some. */
  prefix?: string;
  line: number;
  /** The scalar holding it, for edits. */
  scalar: ScalarValue | null;
  /** The source characters of `text.slice(from, to)` when they are written as they are (not quoted, escaped). */
  slice(from: number, to: number): EditableText | null;
}

/** The items of an `Args` list as words. */
export function wordsOfList(items: Value[]): Word[] {
  return items.map((item) => {
    if (item.kind !== 'string' && item.kind !== 'number') {
      const reason = item.kind === 'opaque' ? item.reason : `is a ${item.kind}, not a string`;
      const prefix = item.kind === 'opaque' && item.prefix ? { prefix: item.prefix } : {};
      return { text: null, reason, line: item.line, scalar: null, slice: () => null, ...prefix };
    }
    const slice = (from: number, to: number): EditableText | null => sliceSegments(item.segments, from, to);
    return { text: item.text, reason: '', line: item.line, scalar: item, slice };
  });
}

/**
 * The words of a command-line string, split at white space as a shell would (quotes group words, `{{ … }}`
 * stays one piece). A string whose words cannot be told: `{% … %}` blocks, which make its words depend on run
 * time, or a quote that is never closed (`reason` ends a sentence).
 */
export function wordsOfString(scalar: ScalarValue, lineOf: (index: number) => number): Word[] | { reason: string } {
  const text = scalar.text;
  if (text.includes('{%')) return { reason: 'holds {% … %} blocks, rendered only at run time' };
  const words: Word[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && /\s/.test(text.charAt(at))) at += 1;
    if (at >= text.length) break;
    const offsets: number[] = [];
    let quote = '';
    for (; at < text.length && (quote !== '' || !/\s/.test(text.charAt(at)));) {
      const char = text.charAt(at);
      if (quote === '' && text.startsWith('{{', at)) {
        const close = text.indexOf('}}', at);
        const end = close === -1 ? text.length : close + 2;
        for (let index = at; index < end; index += 1) offsets.push(index);
        at = end;
      } else if ((quote === '' && (char === '"' || char === "'")) || char === quote) {
        quote = quote === '' ? char : '';
        at += 1;
      } else {
        offsets.push(at);
        at += 1;
      }
    }
    if (quote !== '') return { reason: `has a ${quote} quote that is never closed` };
    words.push(stringWord(scalar, offsets, lineOf));
  }
  return words;
}

function stringWord(scalar: ScalarValue, offsets: number[], lineOf: (index: number) => number): Word {
  const text = offsets.map((offset) => scalar.text.charAt(offset)).join('');
  const first = sliceSegments(scalar.segments, offsets[0] ?? 0, offsets[0] ?? 0);
  return {
    text,
    reason: '',
    line: first ? lineOf(first.range.start) : scalar.line,
    scalar,
    slice(from, to) {
      const start = offsets[from];
      const end = to === 0 ? start : (offsets[to - 1] ?? -2) + 1;
      if (start === undefined || end === undefined || end - start !== to - from) return null;
      return sliceSegments(scalar.segments, start, end);
    },
  };
}
