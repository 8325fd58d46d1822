import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { lineAt } from '../document.js';
import { flowScalarSegments } from './flow-scalar-segments.js';
import type { ConstantReference, DictValue, ListValue, OpaqueValue, ScalarValue, TextSegment, Value } from '../values/value.js';

/** The parsed YAML a value comes from. */
export interface YamlContext {
  document: Document;
  source: string;
}

/**
 * Converts a YAML node to a `Value`. Anchors and aliases are followed like module constants: `via` names them
 * `&anchor`, so that editing a shared node is refused unless every user of it is changed the same way.
 */
export function yamlValue(node: unknown, context: YamlContext, via: ConstantReference[] = []): Value {
  if (isAlias(node)) {
    const [start, end] = node.range ?? [0, 0];
    const target = node.resolve(context.document);
    if (!target) return opaque(start, end, context, via, `refers to the YAML anchor &${node.source}, which is not defined`);
    return convert(target, context, [...via, reference(`&${node.source}`, start, end, context)]);
  }
  const anchor = isMap(node) || isSeq(node) || isScalar(node) ? node.anchor : undefined;
  const [start, end] = (node as { range?: [number, number] } | null)?.range ?? [0, 0];
  return convert(node, context, anchor ? [...via, reference(`&${anchor}`, start, end, context)] : via);
}

function convert(node: unknown, context: YamlContext, via: ConstantReference[]): Value {
  if (isMap(node)) return readMap(node, context, via);
  if (isSeq(node)) return readSeq(node, context, via);
  if (isScalar(node)) return readScalar(node, context, via);
  return { kind: 'null', text: '', segments: [], quote: '', range: { start: 0, end: 0 }, line: 1, via, origin: node };
}

function readMap(node: YAMLMap, context: YamlContext, via: ConstantReference[]): DictValue {
  const [start, end] = node.range ?? [0, 0];
  const line = lineAt(context.source, start);
  const dict: DictValue = { kind: 'dict', entries: [], problems: [], range: { start, end }, line, via, origin: node };
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key : null;
    const keyStart = (pair.key as { range?: [number] } | null)?.range?.[0] ?? start;
    const at = lineAt(context.source, keyStart);
    if (key?.source === '<<' || key?.value === '<<') {
      const end = (pair.value as { range?: [number, number] } | null)?.range?.[1] ?? keyStart;
      dict.problems.push({ reason: `merges another mapping with << (${context.source.slice(keyStart, end)})`, line: at });
      continue;
    }
    if (!key || key.value === null || typeof key.value === 'object') {
      dict.problems.push({ reason: 'has an entry whose key is not a plain string', line: at });
      continue;
    }
    const name = typeof key.value === 'string' ? key.value : (key.source ?? String(key.value));
    dict.entries.push({ key: name, value: yamlValue(pair.value, context, via), line: at, origin: pair });
  }
  return dict;
}

function readSeq(node: YAMLSeq, context: YamlContext, via: ConstantReference[]): ListValue {
  const [start, end] = node.range ?? [0, 0];
  const items = node.items.map((item) => yamlValue(item, context, via));
  return { kind: 'list', items, problems: [], range: { start, end }, line: lineAt(context.source, start), via, origin: node };
}

function readScalar(node: Scalar, context: YamlContext, via: ConstantReference[]): ScalarValue {
  const [start, end] = node.range ?? [0, 0];
  const raw = context.source.slice(start, end);
  const base = { range: { start, end }, line: lineAt(context.source, start), via, origin: node };
  const value: unknown = node.value;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    const quote = raw.charAt(0) === "'" ? "'" : '"';
    const segments = flowScalarSegments(raw, start, quote, String(value)) ?? [segment(String(value), null)];
    return { ...base, kind: 'string', text: String(value), segments, quote };
  }
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    const segments = blockSegments(raw, start, String(value)) ?? [segment(String(value), null)];
    return { ...base, kind: 'string', text: String(value), segments, quote: raw.charAt(0) };
  }
  const kind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : value === null ? 'null' : 'string';
  const oneLine = !/[\r\n]/.test(raw);
  const text = oneLine ? raw : String(value);
  const folded = !oneLine && kind === 'string' ? flowScalarSegments(raw, start, '', text) : null;
  return { ...base, kind, text, segments: folded ?? [segment(text, oneLine ? start : null)], quote: '' };
}

/**
 * The segments of a `|` or `>` block scalar: each content line as written, line breaks (or the spaces folding
 * makes of them) as segments that are not the source. Null when the reading does not give back the parsed value
 * (explicit indentation, more-indented folded lines …).
 */
function blockSegments(raw: string, start: number, value: string): TextSegment[] | null {
  const headerEnd = raw.indexOf('\n');
  const header = raw.slice(0, headerEnd).replace(/#.*$/, '').trim();
  if (headerEnd === -1 || /\d/.test(header)) return null;
  const lines: { text: string; start: number }[] = [];
  for (let at = headerEnd + 1; at < raw.length;) {
    const end = raw.indexOf('\n', at) === -1 ? raw.length : raw.indexOf('\n', at);
    lines.push({ text: raw.slice(at, end).replace(/\r$/, ''), start: start + at });
    at = end + 1;
  }
  const indent = /^ */.exec(lines.find((line) => line.text.trim() !== '')?.text ?? '')?.[0].length ?? 0;
  const segments: TextSegment[] = [];
  let previous: 'none' | 'text' | 'empty' = 'none';
  for (const line of lines) {
    if (line.text.trim() === '') {
      segments.push(segment('\n', null));
      previous = 'empty';
      continue;
    }
    if (previous === 'text') segments.push(segment(header.startsWith('>') ? ' ' : '\n', null));
    if (previous === 'empty' && header.startsWith('|')) segments.push(segment('\n', null));
    segments.push(segment(line.text.slice(indent), line.start + indent));
    previous = 'text';
  }
  const text = segments.map((part) => part.text).join('');
  return text.replace(/\n+$/, '') === value.replace(/\n+$/, '') ? trimTo(segments, value) : null;
}

/** The segments with trailing line breaks made to match the chomped value. */
function trimTo(segments: TextSegment[], value: string): TextSegment[] {
  const kept = [...segments];
  while (kept.length > 0 && kept.at(-1)?.start === null && kept.at(-1)?.text === '\n') kept.pop();
  const trailing = /\n*$/.exec(value)?.[0] ?? '';
  if (trailing !== '') kept.push(segment(trailing, null));
  return kept;
}

function segment(text: string, start: number | null): TextSegment {
  return { text, start };
}

function reference(name: string, start: number, end: number, context: YamlContext): ConstantReference {
  return { name, range: { start, end }, line: lineAt(context.source, start) };
}

function opaque(start: number, end: number, context: YamlContext, via: ConstantReference[], reason: string): OpaqueValue {
  return { kind: 'opaque', reason, range: { start, end }, line: lineAt(context.source, start), via, origin: null };
}
