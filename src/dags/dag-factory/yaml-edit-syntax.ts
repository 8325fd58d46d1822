import { Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { EditSyntax } from '../edit-syntax.js';
import { endOfLine, insertion, startOfLine } from '../text-layout.js';
import { plainScalarKind, renderYamlScalar } from './plain-scalars.js';
import { appendToMap } from './yaml-append-map.js';
import { refused, splices } from '../edit-syntax.js';
import { eolAt, lastContent } from './yaml-layout.js';

/** Writes new YAML tokens in place, in the style of their neighbours; never loads and dumps the file. */
export function yamlEditSyntax(source: string): EditSyntax {
  return {
    replaceScalar(scalar, text, value) {
      const node = scalar.origin as Scalar;
      if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
        if (value.includes(scalar.quote) || value.includes('\\')) return refused(`the new value ${value} would need escaping`);
      } else if (node.type === Scalar.PLAIN && scalar.segments.length > 1) {
        if (!/^[A-Za-z0-9._+=/@%-]+$/.test(value) || value.startsWith('-')) {
          return refused(`the new value ${value} would change meaning inside a plain YAML string over several lines`);
        }
      } else if (node.type === Scalar.PLAIN) {
        const whole = source.slice(scalar.range.start, scalar.range.end);
        const offset = text.range.start - scalar.range.start;
        const written = whole.slice(0, offset) + value + whole.slice(offset + text.text.length);
        const kind = plainScalarKind(written);
        if (kind === 'other' || (scalar.kind === 'number' && kind !== 'number')) {
          return refused(`the new value ${value} would change meaning as unquoted YAML`);
        }
      }
      return splices([{ start: text.range.start, end: text.range.end, expected: text.text, replacement: value }]);
    },
    appendEntries: (dict, entries) => appendToMap(source, dict.origin as YAMLMap, entries),
    appendArguments: (task, entries) => appendToMap(source, task.origin as YAMLMap, entries),
    insertItems(list, after, items) {
      const node = list.origin as YAMLSeq;
      const anchor = node.items[after] as Scalar | undefined;
      if (!anchor?.range) return refused('has no item to write after');
      const hint = anchor.type === Scalar.QUOTE_DOUBLE ? '"' : anchor.type === Scalar.QUOTE_SINGLE ? "'" : '';
      const texts = items.map((item) => renderYamlScalar(item, hint));
      if (node.flow) return splices([insertion(source, anchor.range[1], `, ${texts.join(', ')}`)]);
      const dash = source.lastIndexOf('-', anchor.range[0]);
      const lineStart = startOfLine(source, anchor.range[0]);
      if (dash < lineStart) return refused('is a YAML list whose items do not start with "- " on their own line');
      const prefix = `${' '.repeat(dash - lineStart)}-${' '.repeat(Math.max(1, anchor.range[0] - dash - 1))}`;
      const at = endOfLine(source, lastContent(source, anchor.range[1]));
      const eol = eolAt(source, at);
      return splices([insertion(source, at, texts.map((text) => `${eol}${prefix}${text}`).join(''))]);
    },
    appendWords(scalar, words) {
      const node = scalar.origin as Scalar;
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      const last = scalar.segments.findLast((segment) => segment.start !== null);
      if (!node.range || !last || last.start === null) return refused('is not a YAML string written as it reads');
      if (quoted && (words.includes(scalar.quote) || words.includes('\\'))) return refused('would need escaping');
      const block = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
      const at = last.start + last.text.length;
      const folded = !quoted && !block && scalar.segments.length > 1;
      const lines = scalar.segments.filter((segment) => segment.start !== null).length;
      if (block && lines > 1) {
        const indent = ' '.repeat(last.start - startOfLine(source, last.start));
        const eol = eolAt(source, endOfLine(source, at));
        const lines = words.split(/ (?=--)/).map((part) => `${eol}${indent}${part}`);
        return splices([insertion(source, at, lines.join(''))]);
      }
      const content = quoted || block || folded ? last.text : source.slice(node.range[0], at);
      const added = `${content === '' || /\s$/.test(content) ? '' : ' '}${words}`;
      if (!quoted && !block && plainScalarKind(content + added) !== 'string') {
        return refused('would not stay a plain YAML string');
      }
      return splices([insertion(source, at, added)]);
    },
  };
}
