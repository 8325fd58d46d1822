import type { Node } from 'web-tree-sitter';
import { refused, splices, type SpliceResult } from '../edit-syntax.js';
import { endOfLine, indentationAt, insertion, startsItsLine } from '../text-layout.js';

/**
 * Splices that insert element texts into a bracketed Python sequence (`{…}`, `[…]`, `(…)`) after element
 * `after`, the way its elements are laid out: on the same line when what follows shares the line, else on new
 * lines (`perLine` elements each) with the anchor's indentation, trailing commas as the anchor has them.
 */
export function insertElements(source: string, container: Node, after: number, texts: string[], perLine: number): SpliceResult {
  const elements = container.namedChildren.filter((child) => child.type !== 'comment');
  const open = container.firstChild;
  const close = container.lastChild;
  if (!open || !close || texts.length === 0) return refused('has no brackets to write into');
  const separator = inlineSeparator(source, elements);
  const multiline = open.startPosition.row !== close.startPosition.row;
  if (elements.length === 0) {
    if (multiline) return refused('is empty and written over several lines');
    return splices([insertion(source, open.endIndex, texts.join(separator))]);
  }
  const anchor = elements[after];
  if (!anchor) return refused('has no element to write after');
  const next = elements[after + 1] ?? close;
  if (!multiline || next.startPosition.row === anchor.endPosition.row) {
    const hanging = multiline && next === close && startsItsLine(source, anchor.startIndex) && elements.length > 1;
    if (!hanging) return splices([insertion(source, anchor.endIndex, `${separator}${texts.join(separator)}`)]);
    const lineEnd = endOfLine(source, anchor.endIndex);
    const eol = source.startsWith('\r\n', lineEnd) ? '\r\n' : '\n';
    const align = indentationAt(source, anchor.startIndex);
    const lines = groups(texts, perLine, separator).map((line) => `,${eol}${align}${line}`);
    return splices([insertion(source, anchor.endIndex, lines.join(''))]);
  }
  const lineEnd = endOfLine(source, anchor.endIndex);
  const eol = source.startsWith('\r\n', lineEnd) ? '\r\n' : '\n';
  const indent = alignment(source, elements.find((element) => element.startPosition.row === anchor.startPosition.row) ?? anchor);
  const lines = groups(texts, perLine, separator);
  if (anchor.nextSibling?.type === ',') {
    return splices([insertion(source, lineEnd, lines.map((line) => `${eol}${indent}${line},`).join(''))]);
  }
  const added = lines.map((line, index) => `${eol}${indent}${line}${index < lines.length - 1 ? ',' : ''}`).join('');
  if (lineEnd === anchor.endIndex) return splices([insertion(source, lineEnd, `,${added}`)]);
  return splices([insertion(source, anchor.endIndex, ','), insertion(source, lineEnd, added)]);
}

/** How elements on one line are separated (`, ` unless the file writes `,` or `,  `). */
function inlineSeparator(source: string, elements: Node[]): string {
  for (let index = 0; index + 1 < elements.length; index += 1) {
    const left = elements[index];
    const right = elements[index + 1];
    if (!left || !right || left.endPosition.row !== right.startPosition.row) continue;
    const between = source.slice(left.endIndex, right.startIndex);
    if (/^,[ \t]*$/.test(between)) return between;
  }
  return ', ';
}

/** The white space before an element that starts its line; else spaces up to its column (`[` or a key before it). */
function alignment(source: string, element: Node): string {
  const prefix = source.slice(source.lastIndexOf('\n', element.startIndex - 1) + 1, element.startIndex);
  return /^[ \t]*$/.test(prefix) ? prefix : prefix.replace(/[^\t]/g, ' ');
}

function groups(texts: string[], perLine: number, separator: string): string[] {
  const lines: string[] = [];
  const size = Math.max(1, perLine);
  for (let index = 0; index < texts.length; index += size) lines.push(texts.slice(index, index + size).join(separator));
  return lines;
}
