import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../types.js';
import { shadowingFunction } from './local-binding.js';
import { identifiersNamed } from './occurrences.js';

/**
 * Every place that reads the name (identifiers, not attribute names, keyword names or the assignment that
 * defines it): the module-level name, or with `scope` the local name of that function. A read of another
 * function's local name of the same spelling is not one; any other doubt counts as a read (over-counting is
 * safe: it only makes the editor more careful).
 */
export function nameReferences(root: Node, name: string, scope?: SourceRange): Node[] {
  return identifiersNamed(root, name, scope).filter((node) => {
    if (!isRead(node)) return false;
    const shadow = shadowingFunction(node);
    return scope ? shadow?.startIndex === scope.start && shadow.endIndex === scope.end : shadow === null;
  });
}

/**
 * True when a reference to a module constant changes it in place: `NAME[k] = v`, `NAME["a"]["b"] = v`,
 * `NAME |= …`, `NAME.update(…)`, `NAME[0]["Args"].append(…)`.
 */
export function isMutation(reference: Node): boolean {
  let node = reference;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'augmented_assignment') return parent.childForFieldName('left')?.equals(node) ?? false;
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.equals(node)) {
      if (isAssignmentTarget(parent)) return true;
      continue;
    }
    if (parent.type !== 'attribute' || !parent.childForFieldName('object')?.equals(node)) return false;
    const method = parent.childForFieldName('attribute')?.text ?? '';
    if (MUTATING_METHODS.has(method) && parent.parent?.type === 'call') return true;
  }
  return false;
}

const MUTATING_METHODS = new Set([
  'update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__', 'append', 'extend', 'insert', 'remove',
]);

function isAssignmentTarget(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'delete_statement') return true;
  if (parent?.type !== 'assignment' && parent?.type !== 'augmented_assignment') return false;
  return parent.childForFieldName('left')?.equals(node) ?? false;
}

function isRead(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') return parent.childForFieldName('object')?.equals(node) ?? false;
  if (parent.type === 'keyword_argument') return !parent.childForFieldName('name')?.equals(node);
  if (parent.type === 'assignment' && parent.parent?.type === 'expression_statement') {
    return !parent.childForFieldName('left')?.equals(node);
  }
  return true;
}
