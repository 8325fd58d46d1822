import type { Node } from 'web-tree-sitter';
import { refused, type EditSyntax, type NewEntry, type NewValue, type SpliceResult } from '../edit-syntax.js';
import { endOfLine, indentationAt, insertion, lineEnding, startsItsLine } from '../text-layout.js';
import { insertElements } from './insert-elements.js';

/** Writes new Python literals in the style of the code around them. */
export function pythonEditSyntax(source: string): EditSyntax {
  return {
    replaceScalar(scalar, text, value) {
      if (scalar.kind === 'string' && (value.includes(scalar.quote.charAt(0)) || /[\\\r\n]/.test(value))) {
        return refused(`the new value ${value} would need escaping inside ${scalar.quote.charAt(0)} quotes`);
      }
      const splice = { start: text.range.start, end: text.range.end, expected: text.text, replacement: value };
      return { kind: 'splices', splices: [splice] };
    },
    appendEntries(dict, entries) {
      const node = dict.origin as Node;
      const list = node.type === 'call' ? node.childForFieldName('arguments') : null;
      if (list?.type === 'argument_list') return appendKeywords(source, list, entries);
      if (node.type !== 'dictionary') return refused(`is written as ${node.type.replaceAll('_', ' ')}, not a {…} literal`);
      const style = styleOf(source, node);
      const texts = entries.map((entry) => `${style.quote}${entry.key}${style.quote}${style.colon}${render(entry.value, style)}`);
      return insertElements(source, node, lastElementIndex(node), texts, 1);
    },
    appendArguments(task, entries) {
      const list = (task.origin as Node).childForFieldName('arguments');
      if (!list || list.type !== 'argument_list') return refused('has no argument list');
      const style = styleOf(source, list);
      const texts = entries.map((entry) => `${entry.key}=${render(entry.value, style)}`);
      return insertElements(source, list, lastElementIndex(list), texts, 1);
    },
    insertItems(list, after, items, perLine) {
      const node = list.origin as Node;
      const style = styleOf(source, node);
      return insertElements(source, node, after, items.map((item) => `${style.quote}${item}${style.quote}`), perLine);
    },
    appendWords(scalar, words) {
      const node = scalar.origin as Node;
      const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((child) => child.type === 'string') : [node];
      const last = parts.at(-1);
      const end = last?.lastChild;
      if (!last || !end || end.type !== 'string_end') return refused('is not a plain string literal');
      const content = source.slice(last.firstChild?.endIndex ?? end.startIndex, end.startIndex);
      const spaced = content === '' || /\s$/.test(content);
      const previous = parts.at(-2);
      if (!previous || previous.endPosition.row === last.startPosition.row || !startsItsLine(source, last.startIndex)) {
        return { kind: 'splices', splices: [insertion(source, end.startIndex, `${spaced ? '' : ' '}${words}`)] };
      }
      const lineEnd = endOfLine(source, last.endIndex);
      const crlf = source.startsWith('\r\n', lineEnd) || (lineEnd === source.length && lineEnding(source) === '\r\n');
      const eol = crlf ? '\r\n' : '\n';
      const part = `${eol}${indentationAt(source, last.startIndex)}${last.firstChild?.text ?? '"'}${words}${end.text}`;
      const splices = [insertion(source, last.endIndex, part)];
      if (!spaced) splices.unshift(insertion(source, end.startIndex, ' '));
      return { kind: 'splices', splices };
    },
  };
}

/** New entries of a `dict(a=1)` call, as keyword arguments: only keys that are Python names can be. */
function appendKeywords(source: string, list: Node, entries: NewEntry[]): SpliceResult {
  const unnamed = entries.find((entry) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(entry.key) || KEYWORDS.has(entry.key));
  if (unnamed) return refused(`is a dict(…) call, where the key ${unnamed.key} cannot be written as a keyword argument`);
  const style = styleOf(source, list);
  return insertElements(source, list, lastElementIndex(list), entries.map((entry) => `${entry.key}=${render(entry.value, style)}`), 1);
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

interface LiteralStyle {
  quote: string;
  /** Between a key and its value: `: ` or `:`. */
  colon: string;
}

/** The quote and key separator the container already uses (`"` and `: ` when it has no strings). */
function styleOf(source: string, node: Node): LiteralStyle {
  const start = node.descendantsOfType('string_start')[0]?.text.replace(/^[a-zA-Z]+/, '') ?? '"';
  const pair = node.descendantsOfType('pair')[0];
  const key = pair?.childForFieldName('key');
  const value = pair?.childForFieldName('value');
  const between = key && value ? source.slice(key.endIndex, value.startIndex) : ': ';
  return { quote: start.charAt(0) === "'" ? "'" : '"', colon: /^[ \t]*:[ \t]*$/.test(between) ? between : ': ' };
}

function render(value: NewValue, style: LiteralStyle): string {
  if (value.kind === 'number') return value.text;
  if (value.kind === 'string') return `${style.quote}${value.text}${style.quote}`;
  if (value.kind !== 'dict') return value.text;
  const q = style.quote;
  const entries = value.entries.map((entry: NewEntry) => `${q}${entry.key}${q}${style.colon}${render(entry.value, style)}`);
  return `{${entries.join(', ')}}`;
}

function lastElementIndex(node: Node): number {
  return node.namedChildren.filter((child) => child.type !== 'comment').length - 1;
}
