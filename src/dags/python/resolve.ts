import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../types.js';
import { describeNonLiteral, literalValue, type LiteralValue } from './literals.js';
import { shadowingFunction } from './local-names.js';
import type { ModuleConstants } from './module-constants.js';
import { lineOf, rangeOf } from './nodes.js';

/** A name read on the way to a value: `conf=SPARK_CONF` reads `SPARK_CONF` at `range`. */
export interface ConstantReference {
  name: string;
  range: SourceRange;
  line: number;
}

export type Resolution =
  /** `node` is the expression the value really comes from; `via` are the constants read to get there. */
  | { kind: 'resolved'; node: Node; via: ConstantReference[] }
  /** `reason` ends a sentence: "comes from MEM, which is not defined in this file". */
  | { kind: 'unresolved'; reason: string };

export type LiteralResolution =
  | { kind: 'literal'; literal: LiteralValue; via: ConstantReference[] }
  | { kind: 'unresolved'; reason: string };

const MAX_DEPTH = 5;

/** Follows names to the module-level constant they hold (`MEM = "8g"`), and strips parentheses. */
export function followConstants(node: Node, constants: ModuleConstants): Resolution {
  const via: ConstantReference[] = [];
  let current = node;
  while (current.type === 'identifier' || current.type === 'parenthesized_expression') {
    if (current.type === 'parenthesized_expression') {
      const inner = current.firstNamedChild;
      if (!inner || current.namedChildCount !== 1) return { kind: 'unresolved', reason: describeNonLiteral(current) };
      current = inner;
      continue;
    }
    const shadow = via.length === 0 ? shadowingFunction(current) : null;
    if (shadow) {
      const where = shadow.type === 'lambda' ? 'a lambda' : `function ${shadow.childForFieldName('name')?.text ?? ''}()`;
      return { kind: 'unresolved', reason: `comes from ${current.text}, a local name of ${where}` };
    }
    const constant = constants.get(current.text);
    if (!constant) return { kind: 'unresolved', reason: `comes from ${current.text}, which is not defined in this file` };
    if (!constant.value) return { kind: 'unresolved', reason: `comes from ${current.text}, which is assigned more than once` };
    if (via.length >= MAX_DEPTH) return { kind: 'unresolved', reason: `comes from a long chain of names ending at ${current.text}` };
    via.push({ name: current.text, range: rangeOf(current), line: lineOf(current) });
    current = constant.value;
  }
  return { kind: 'resolved', node: current, via };
}

/** The plain literal a value node stands for, following module constants; or why there is none. */
export function resolveLiteral(node: Node, constants: ModuleConstants): LiteralResolution {
  const resolution = followConstants(node, constants);
  if (resolution.kind === 'unresolved') return resolution;
  const literal = literalValue(resolution.node);
  if (!literal) return { kind: 'unresolved', reason: describeNonLiteral(resolution.node) };
  return { kind: 'literal', literal, via: resolution.via };
}
