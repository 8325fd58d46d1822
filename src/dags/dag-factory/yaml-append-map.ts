import { isMap, isScalar, Scalar, type YAMLMap } from 'yaml';
import type { NewEntry, NewValue, SpliceResult } from '../edit-syntax.js';
import { endOfLine, insertion, startOfLine } from '../text-layout.js';
import { plainScalarKind, renderYamlScalar } from './plain-scalars.js';
import { refused, splices } from '../edit-syntax.js';
import { eolAt, lastContent } from './yaml-layout.js';

/** Splices that add entries at the end of a block or flow mapping, keys and values quoted as its last entry. */
export function appendToMap(source: string, map: YAMLMap, entries: NewEntry[]): SpliceResult {
  const first = map.items[0];
  const last = map.items.at(-1);
  const hint = isScalar(last?.value) ? quoteHint(last.value) : '';
  const keyHint = isScalar(last?.key) ? quoteHint(last.key) : '';
  const key = (text: string): string => (keyHint === '' ? plainKey(text) : renderYamlScalar(text, keyHint));
  const render = (value: NewValue, eol: string, indent: string, step: number): string => {
    return renderValue(value, { hint, key }, eol, indent, step);
  };
  if (map.flow) {
    const texts = entries.map((entry) => `${key(entry.key)}:${render(entry.value, '', '', 2)}`);
    const end = (last?.value as Scalar | undefined)?.range?.[1] ?? (last?.key as Scalar | undefined)?.range?.[1];
    if (end === undefined) return splices([insertion(source, (map.range?.[0] ?? 0) + 1, texts.join(', '))]);
    return splices([insertion(source, end, `, ${texts.join(', ')}`)]);
  }
  const firstKey = first?.key as Scalar | undefined;
  if (!firstKey?.range || !last) return refused('is an empty YAML mapping');
  const column = firstKey.range[0] - startOfLine(source, firstKey.range[0]);
  const indent = ' '.repeat(column);
  const end = (last.value as Scalar | null)?.range?.[1] ?? (last.key as Scalar).range?.[1] ?? firstKey.range[1];
  const at = endOfLine(source, lastContent(source, end));
  const eol = eolAt(source, at);
  const step = childStep(source, map, column);
  const lines = entries.map((entry) => `${eol}${indent}${key(entry.key)}:${render(entry.value, eol, indent, step)}`);
  return splices([insertion(source, at, lines.join(''))]);
}

interface ScalarStyle {
  hint: string;
  key(text: string): string;
}

/** ` value`, or a nested block mapping on the lines below (a flow mapping inside flow style). */
function renderValue(value: NewValue, style: ScalarStyle, eol: string, indent: string, step: number): string {
  if (value.kind !== 'dict') return ` ${value.kind === 'number' ? value.text : renderYamlScalar(value.text, style.hint)}`;
  const entry = (item: NewEntry, prefix: string, inner: string): string => {
    return `${prefix}${style.key(item.key)}:${renderValue(item.value, style, eol, inner, step)}`;
  };
  if (eol === '') return ` {${value.entries.map((item) => entry(item, '', '')).join(', ')}}`;
  const inner = indent + ' '.repeat(step);
  return value.entries.map((item) => entry(item, `${eol}${inner}`, inner)).join('');
}

function plainKey(text: string): string {
  return plainScalarKind(text) === 'string' ? text : `"${text}"`;
}

function quoteHint(scalar: Scalar): string {
  if (scalar.type === Scalar.QUOTE_DOUBLE) return '"';
  return scalar.type === Scalar.QUOTE_SINGLE ? "'" : '';
}

/**
 * How much deeper nested keys are indented in this file: as a nested block mapping of this one is, else as this
 * mapping is under the line that owns it, else 2.
 */
function childStep(source: string, map: YAMLMap, column: number): number {
  for (const pair of map.items) {
    const child = isMap(pair.value) && !pair.value.flow ? (pair.value.items[0]?.key as Scalar | undefined) : undefined;
    const start = child?.range?.[0];
    if (start !== undefined) return Math.max(1, start - startOfLine(source, start) - column);
  }
  const firstKey = (map.items[0]?.key as Scalar | undefined)?.range?.[0] ?? 0;
  const lines = source.slice(0, startOfLine(source, firstKey)).split(/\r?\n/).reverse();
  for (const line of lines) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (line.trim() === '' || line.trim().startsWith('#') || indent >= column) continue;
    return /^\s*- /.test(line) ? 2 : column - indent;
  }
  return 2;
}
