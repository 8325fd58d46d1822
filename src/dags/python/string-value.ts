import type { Node } from 'web-tree-sitter';
import type { ConstantReference, ScalarValue, TextSegment } from '../values/value.js';
import { lineOf, rangeOf } from './nodes.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '\\\\': '\\', "\\'": "'", '\\"': '"', '\\n': '\n', '\\t': '\t', '\\r': '\r', '\\\n': '', '\\\r\n': '',
};

/**
 * A string literal, or several written side by side, as a scalar whose segments map its text back to the
 * source (escape sequences are segments that cannot be edited). Null for f-strings, bytes and template strings.
 */
export function stringValue(node: Node, via: ConstantReference[]): ScalarValue | null {
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((child) => child.type === 'string') : [node];
  const segments: TextSegment[] = [];
  for (const part of parts) {
    const partSegments = stringSegments(part);
    if (!partSegments) return null;
    segments.push(...partSegments);
  }
  const first = parts[0];
  if (!first) return null;
  const quote = (first.firstChild?.text ?? '"').replace(/^[a-zA-Z]+/, '');
  const text = segments.map((segment) => segment.text).join('');
  return { kind: 'string', text, segments, quote, range: rangeOf(node), line: lineOf(node), via, origin: node };
}

function stringSegments(part: Node): TextSegment[] | null {
  const start = part.firstChild;
  const end = part.lastChild;
  if (!start || !end || start.type !== 'string_start') return null;
  const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
  if (/[fbt]/.test(prefix)) return null;
  const segments: TextSegment[] = [];
  let at = start.endIndex;
  for (const child of part.namedChildren) {
    if (child.type === 'string_start' || child.type === 'string_end') continue;
    if (child.type !== 'string_content') return null;
    const escapes = prefix.includes('r') ? [] : child.namedChildren.filter((inner) => inner.type === 'escape_sequence');
    for (const escape of escapes) {
      pushSource(segments, part, at, escape.startIndex);
      segments.push({ text: ESCAPES[escape.text] ?? escape.text, start: null });
      at = escape.endIndex;
    }
    pushSource(segments, part, at, child.endIndex);
    at = child.endIndex;
  }
  pushSource(segments, part, at, end.startIndex);
  return segments.length > 0 ? segments : [{ text: '', start: end.startIndex }];
}

function pushSource(segments: TextSegment[], part: Node, from: number, to: number): void {
  if (to <= from) return;
  const text = part.text.slice(from - part.startIndex, to - part.startIndex);
  const last = segments.at(-1);
  if (last && last.start !== null && last.start + last.text.length === from) last.text += text;
  else segments.push({ text, start: from });
}
