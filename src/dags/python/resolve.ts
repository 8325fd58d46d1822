import type { Node } from 'web-tree-sitter';
import type { ConstantReference } from '../values/value.js';
import type { ImportedNames } from './imports.js';
import { describeNonLiteral } from './literals.js';
import { localBinding, shadowingFunction } from './local-binding.js';
import type { ModuleConstants } from './module-constants.js';
import { lineOf, rangeOf } from './nodes.js';

export type { ConstantReference };

export type Resolution =
  /** `node` is the expression the value really comes from; `via` are the constants read to get there. */
  | { kind: 'resolved'; node: Node; via: ConstantReference[] }
  /** `reason` ends a sentence: "comes from MEM, which is not defined in this file". */
  | { kind: 'unresolved'; reason: string };

const MAX_DEPTH = 5;

/**
 * Follows names to the module-level constant they hold (`MEM = "8g"`), or to the one plain assignment of a
 * function's local name before its use (`conf = {…}` in the function that builds the DAG), and strips
 * parentheses. With `imports`,
 * a name imported from another module says where it comes from.
 */
export function followConstants(node: Node, constants: ModuleConstants, imports?: ImportedNames): Resolution {
  const via: ConstantReference[] = [];
  let current = node;
  while (current.type === 'identifier' || current.type === 'parenthesized_expression') {
    if (current.type === 'parenthesized_expression') {
      const [inner, extra] = current.namedChildren.filter((child) => child.type !== 'comment');
      if (!inner || extra) return { kind: 'unresolved', reason: describeNonLiteral(current) };
      current = inner;
      continue;
    }
    if (via.length >= MAX_DEPTH) {
      return { kind: 'unresolved', reason: `comes from a long chain of names ending at ${current.text}` };
    }
    const shadow = shadowingFunction(current);
    if (shadow) {
      const local = localBinding(shadow, current);
      if (local.kind === 'unresolved') return local;
      via.push({ name: current.text, range: rangeOf(current), line: lineOf(current), scope: rangeOf(shadow), holds: rangeOf(local.value) });
      current = local.value;
      continue;
    }
    const constant = constants.get(current.text);
    const imported = constant ? undefined : imports?.get(current.text);
    if (imported) {
      return { kind: 'unresolved', reason: `comes from ${current.text}, imported from ${imported.module}, another file` };
    }
    if (!constant) return { kind: 'unresolved', reason: `comes from ${current.text}, which is not defined in this file` };
    if (!constant.value) return { kind: 'unresolved', reason: `comes from ${current.text}, which is assigned more than once` };
    via.push({ name: current.text, range: rangeOf(current), line: lineOf(current), holds: rangeOf(constant.value) });
    current = constant.value;
  }
  return { kind: 'resolved', node: current, via };
}
