import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../types.js';

/** The span of a node, in JS string indices. */
export function rangeOf(node: Node): SourceRange {
  return { start: node.startIndex, end: node.endIndex };
}

/** 1-based line where a node starts. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** `a.b.C` for an identifier or attribute chain, else null (calls, subscripts …). */
export function dottedName(node: Node): string | null {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return null;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (!object || !attribute) return null;
  const left = dottedName(object);
  return left === null ? null : `${left}.${attribute.text}`;
}

/** The last part of a dotted name: `SparkSubmitOperator` for `spark_submit.SparkSubmitOperator`. */
export function lastNamePart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The value node of `name=` in a call's arguments, or null. */
export function keywordArgument(call: Node, name: string): Node | null {
  for (const argument of argumentNodes(call)) {
    if (argument.type !== 'keyword_argument') continue;
    if (argument.childForFieldName('name')?.text === name) return argument.childForFieldName('value');
  }
  return null;
}

/** The positional arguments of a call (splats excluded). */
export function positionalArguments(call: Node): Node[] {
  return argumentNodes(call).filter((node) => !NON_POSITIONAL.has(node.type));
}

/** `*args` and `**kwargs` in a call's arguments. */
export function splatArguments(call: Node): Node[] {
  return argumentNodes(call).filter((node) => node.type === 'list_splat' || node.type === 'dictionary_splat');
}

const NON_POSITIONAL = new Set(['keyword_argument', 'list_splat', 'dictionary_splat', 'comment']);

function argumentNodes(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  return list.namedChildren;
}

/** True when `inner` lies within `outer` (same tree). */
export function contains(outer: SourceRange, inner: SourceRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * The call or decorator expression whose callee is written ending with `identifier` (`DAG` in `models.DAG(…)`),
 * and the callee: what a walk over every call would find for that name.
 */
export function calleeUse(identifier: Node): { callee: Node; call: Node | null; decorator: Node | null } {
  let callee = identifier;
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier)) callee = parent;
  const above = callee.parent;
  const call = above?.type === 'call' && above.childForFieldName('function')?.equals(callee) ? above : null;
  const expression = call ?? callee;
  const decorator = expression.parent?.type === 'decorator' ? expression.parent : null;
  return { callee, call, decorator };
}
