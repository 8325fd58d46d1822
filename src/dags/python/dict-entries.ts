import type { Node } from 'web-tree-sitter';
import { stringLiteral } from './literals.js';
import type { ModuleConstants } from './module-constants.js';
import { lineOf } from './nodes.js';
import { followConstants, resolveLiteral, type LiteralResolution } from './resolve.js';

/** One `"key": value` entry of a dict literal whose key is a plain string. */
export interface DictEntry {
  key: string;
  value: LiteralResolution;
  line: number;
}

/** Something in a dict literal that may hide any key: `**base`, a computed key. */
export interface DictProblem {
  /** Ends a sentence: "merges another dict with **BASE". */
  reason: string;
  line: number;
}

export interface DictContents {
  entries: DictEntry[];
  problems: DictProblem[];
}

/** Reads the entries of a `{…}` literal, following module constants in keys and values. */
export function readDictEntries(dict: Node, constants: ModuleConstants): DictContents {
  const contents: DictContents = { entries: [], problems: [] };
  for (const child of dict.namedChildren) {
    if (child.type === 'comment') continue;
    if (child.type === 'dictionary_splat') {
      contents.problems.push({ reason: `merges another dict with ${child.text}`, line: lineOf(child) });
      continue;
    }
    const keyNode = child.type === 'pair' ? child.childForFieldName('key') : null;
    const valueNode = child.childForFieldName('value');
    const key = keyNode ? keyText(keyNode, constants) : null;
    if (key === null || !valueNode) {
      contents.problems.push({ reason: `has an entry whose key is not a plain string (${keyNode?.text ?? child.text})`, line: lineOf(child) });
      continue;
    }
    contents.entries.push({ key, value: resolveLiteral(valueNode, constants), line: lineOf(child) });
  }
  return contents;
}

function keyText(node: Node, constants: ModuleConstants): string | null {
  const resolution = followConstants(node, constants);
  return resolution.kind === 'resolved' ? stringLiteral(resolution.node) : null;
}
