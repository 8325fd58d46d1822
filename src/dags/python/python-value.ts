import type { Node } from 'web-tree-sitter';
import type { ConstantReference, DictValue, ListValue, OpaqueValue, Value, ValueProblem } from '../values/value.js';
import type { ImportedNames } from './imports.js';
import { describeNonLiteral, stringLiteral } from './literals.js';
import type { ModuleConstants } from './module-constants.js';
import { lineOf, rangeOf } from './nodes.js';
import { isMutation, nameReferences } from './references.js';
import { followConstants } from './resolve.js';
import { stringValue } from './string-value.js';

/** What names mean in a module: its constants and imports, and which constants are changed in place. */
export interface PythonScope {
  root: Node;
  constants: ModuleConstants;
  imports: ImportedNames;
  /** Memo: the first in-place change of a constant, or null. */
  mutations: Map<string, Node | null>;
}

/** Converts an expression to a `Value`, following module constants; anything not literal becomes opaque. */
export function pythonValue(node: Node, scope: PythonScope, via: ConstantReference[] = []): Value {
  const resolution = followConstants(node, scope.constants, scope.imports);
  if (resolution.kind === 'unresolved') return opaque(node, via, resolution.reason);
  const chain = [...via, ...resolution.via];
  const mutated = firstMutation(scope, resolution.via);
  if (mutated) return opaque(node, via, `comes from ${mutated.text}, which is changed in place at line ${lineOf(mutated)}`);
  const target = resolution.node;
  const base = { range: rangeOf(target), line: lineOf(target), via: chain, origin: target };
  switch (target.type) {
    case 'dictionary':
      return readDict(target, scope, chain);
    case 'list':
    case 'tuple':
      return readList(target, scope, chain);
    case 'string':
    case 'concatenated_string':
      return stringValue(target, chain) ?? opaque(target, chain, describeNonLiteral(target));
    case 'integer':
    case 'float':
      return { ...base, kind: 'number', text: target.text, segments: [{ text: target.text, start: target.startIndex }], quote: '' };
    case 'true':
    case 'false':
      return { ...base, kind: 'boolean', text: target.text, segments: [], quote: '' };
    case 'none':
      return { ...base, kind: 'null', text: target.text, segments: [], quote: '' };
    case 'call':
      return readDictCall(target, scope, chain) ?? opaque(target, chain, describeNonLiteral(target));
    default:
      return opaque(target, chain, describeNonLiteral(target));
  }
}

function emptyDict(node: Node, via: ConstantReference[]): DictValue {
  return { kind: 'dict', entries: [], problems: [], range: rangeOf(node), line: lineOf(node), via, origin: node };
}

function readDict(node: Node, scope: PythonScope, via: ConstantReference[]): DictValue {
  const dict = emptyDict(node, via);
  for (const child of node.namedChildren) {
    if (child.type === 'comment') continue;
    if (child.type === 'dictionary_splat') {
      dict.problems.push(problem(`merges another dict with ${child.text}`, child));
      continue;
    }
    const keyNode = child.type === 'pair' ? child.childForFieldName('key') : null;
    const valueNode = child.childForFieldName('value');
    const keyResolution = keyNode ? followConstants(keyNode, scope.constants, scope.imports) : null;
    const key = keyResolution?.kind === 'resolved' ? keyText(keyResolution.node) : null;
    if (key === null || !valueNode) {
      dict.problems.push(problem(`has an entry whose key is not a plain string (${keyNode?.text ?? child.text})`, child));
      continue;
    }
    dict.entries.push({ key, value: pythonValue(valueNode, scope, via), line: lineOf(child), origin: child });
  }
  return dict;
}

/** A key written as a string literal, or as several side by side (`"spark.executor." "memory"`). */
function keyText(node: Node): string | null {
  if (node.type === 'concatenated_string') return stringValue(node, [])?.text ?? null;
  return stringLiteral(node);
}

/** `dict(owner="data", retries=2)`, keyword arguments only (its keys are Python names). */
function readDictCall(node: Node, scope: PythonScope, via: ConstantReference[]): DictValue | null {
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  if (node.childForFieldName('function')?.text !== 'dict') return null;
  if (!args.every((arg) => arg.type === 'keyword_argument' || arg.type === 'comment')) return null;
  const dict = emptyDict(node, via);
  for (const arg of args) {
    const name = arg.childForFieldName('name');
    const value = arg.childForFieldName('value');
    if (!name || !value) continue;
    dict.entries.push({ key: name.text, value: pythonValue(value, scope, via), line: lineOf(arg), origin: arg });
  }
  return dict;
}

function readList(node: Node, scope: PythonScope, via: ConstantReference[]): ListValue {
  const list: ListValue = { kind: 'list', items: [], problems: [], range: rangeOf(node), line: lineOf(node), via, origin: node };
  for (const child of node.namedChildren) {
    if (child.type === 'comment') continue;
    if (child.type === 'list_splat') list.problems.push(problem(`unpacks another list with ${child.text}`, child));
    else list.items.push(pythonValue(child, scope, via));
  }
  return list;
}

function firstMutation(scope: PythonScope, via: ConstantReference[]): Node | null {
  for (const { name, scope: local } of via) {
    const key = `${name}@${local?.start ?? ''}`;
    if (!scope.mutations.has(key)) {
      scope.mutations.set(key, nameReferences(scope.root, name, local).find(isMutation) ?? null);
    }
    const mutation = scope.mutations.get(key);
    if (mutation) return mutation;
  }
  return null;
}

function opaque(node: Node, via: ConstantReference[], reason: string): OpaqueValue {
  const value: OpaqueValue = { kind: 'opaque', reason, range: rangeOf(node), line: lineOf(node), via, origin: node };
  const prefix = knownPrefix(node, 0);
  if (prefix) value.prefix = prefix;
  return value;
}

/** The literal text a computed string starts with: the left of `+`, an f-string's or a `.format()` template's start. */
function knownPrefix(node: Node, depth: number): string | null {
  if (depth > 5) return null;
  if (node.type === 'parenthesized_expression') return node.firstNamedChild ? knownPrefix(node.firstNamedChild, depth + 1) : null;
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+') {
    const left = node.childForFieldName('left');
    return left ? knownPrefix(left, depth + 1) : null;
  }
  if (node.type === 'concatenated_string') return node.firstNamedChild ? knownPrefix(node.firstNamedChild, depth + 1) : null;
  if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
    if (callee?.childForFieldName('attribute')?.text !== 'format' || object?.type !== 'string') return null;
    const text = stringLiteral(object);
    return text === null ? null : text.slice(0, text.search(/[{}]|$/));
  }
  if (node.type !== 'string') return null;
  const plain = stringLiteral(node);
  if (plain !== null) return plain;
  const prefix = (node.firstChild?.text ?? '').replace(/['"]+$/, '').toLowerCase();
  if (!prefix.includes('f') || /[bt]/.test(prefix)) return null;
  const first = node.namedChildren.find((child) => child.type !== 'string_start');
  if (first?.type !== 'string_content' || first.namedChildCount > 0) return null;
  return first.text.replace(/\{\{[\s\S]*$/, '');
}

function problem(reason: string, node: Node): ValueProblem {
  return { reason, line: lineOf(node) };
}
