import type { Node } from 'web-tree-sitter';
import type { ConstantReference } from '../values/value.js';
import type { ImportedNames } from './imports.js';
import { describeNonLiteral } from './literals.js';
import { shadowingFunction } from './local-names.js';
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
 * Follows names to the module-level constant they hold (`MEM = "8g"`), and strips parentheses. With `imports`,
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
    const shadow = via.length === 0 ? shadowingFunction(current) : null;
    if (shadow) {
      const where = shadow.type === 'lambda' ? 'a lambda' : `function ${shadow.childForFieldName('name')?.text ?? ''}()`;
      return { kind: 'unresolved', reason: `comes from ${current.text}, a local name of ${where}` };
    }
    const constant = constants.get(current.text);
    const imported = constant ? undefined : imports?.get(current.text);
    if (imported) {
      return { kind: 'unresolved', reason: `comes from ${current.text}, imported from ${imported.module}, another file` };
    }
    if (!constant) return { kind: 'unresolved', reason: `comes from ${current.text}, which is not defined in this file` };
    if (!constant.value) return { kind: 'unresolved', reason: `comes from ${current.text}, which is assigned more than once` };
    if (via.length >= MAX_DEPTH) {
      return { kind: 'unresolved', reason: `comes from a long chain of names ending at ${current.text}` };
    }
    via.push({ name: current.text, range: rangeOf(current), line: lineOf(current) });
    current = constant.value;
  }
  return { kind: 'resolved', node: current, via };
}
