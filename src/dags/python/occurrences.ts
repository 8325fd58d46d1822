import type { Node, Tree } from 'web-tree-sitter';
import type { SourceRange } from '../types.js';
import { missedAt, type PartialText } from './partial-parse.js';

const found = new WeakMap<Tree, Map<string, Node[]>>();

/**
 * Every identifier written `name`, in file order, found through the source text instead of a walk over the
 * tree: each place the text occurs is looked up in the tree (so that strings and comments drop out), and only
 * those nodes are created. What a walk over every identifier would find, at the cost of the few occurrences.
 */
export function identifiersNamed(root: Node, name: string, within?: SourceRange): Node[] {
  let byName = found.get(root.tree);
  if (!byName) {
    byName = new Map();
    found.set(root.tree, byName);
  }
  let nodes = byName.get(name);
  if (!nodes) {
    nodes = lookUp(root, name);
    byName.set(name, nodes);
  }
  if (!within) return nodes;
  return nodes.filter((node) => within.start <= node.startIndex && node.endIndex <= within.end);
}

/** In a tree parsed in part, an occurrence in a statement left out is marked missed (the reader runs again). */
function lookUp(root: Node, name: string): Node[] {
  const source = sourceOf(root);
  const partial = partials.get(root.tree);
  const nodes: Node[] = [];
  const pattern = new RegExp(`(?<![\\w\\u0080-\\uffff])${escape(name)}(?![\\w\\u0080-\\uffff])`, 'g');
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (partial && missedAt(partial, match.index)) continue;
    const node = root.descendantForIndex(match.index, match.index + name.length);
    if (node?.type === 'identifier' && node.startIndex === match.index && node.text === name) nodes.push(node);
  }
  return nodes;
}

const sources = new WeakMap<Tree, string>();
const partials = new WeakMap<Tree, PartialText>();

/**
 * Records the text a tree was parsed from, and which of its statements were parsed when it was parsed in part
 * (the parser calls this for every tree it makes).
 */
export function rememberSource(tree: Tree, source: string, partial: PartialText | null = null): void {
  sources.set(tree, source);
  if (partial) partials.set(tree, partial);
}

/** The text a tree was parsed from. */
export function sourceOf(root: Node): string {
  const source = sources.get(root.tree);
  if (source === undefined) throw new Error('The text of this Python tree was not recorded.');
  return source;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
