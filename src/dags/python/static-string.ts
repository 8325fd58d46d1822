import type { Node } from 'web-tree-sitter';
import { stringLiteral } from './literals.js';
import type { ImportedNames } from './imports.js';
import type { ModuleConstants } from './module-constants.js';
import { dottedName, positionalArguments } from './nodes.js';
import { followConstants } from './resolve.js';

/** What a static string may depend on besides the module: the file's name (`dags/etl/orders.py` → `orders.py`). */
export interface StaticContext {
  constants: ModuleConstants;
  /** `Path`, `os`, `basename` … count only when imported from `pathlib` / `os` / `os.path`. */
  imports: ImportedNames;
  /** The file's base name, or null when the path is unknown (then `__file__` cannot be read). */
  fileName: string | null;
}

const MAX_DEPTH = 12;

/**
 * The value of a string expression that can be read without running the file: literals and module constants,
 * f-strings and `+` of such, `os.path.basename(__file__)`, `Path(__file__).stem`/`.name`, and `.replace()`,
 * `.removesuffix()`, `.removeprefix()`, `.lower()`, `.upper()`, `.strip()`, `os.path.splitext(…)[0]` and
 * `.split(sep)[i]`/`.rsplit(sep)[i]` on them. Null for anything else.
 */
export function staticString(node: Node, context: StaticContext, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  const resolution = followConstants(node, context.constants);
  if (resolution.kind === 'unresolved') return null;
  const target = resolution.node;
  const next = (child: Node | null): string | null => (child ? staticString(child, context, depth + 1) : null);
  switch (target.type) {
    case 'string':
      return stringLiteral(target) ?? formatString(target, context, depth);
    case 'concatenated_string':
      return joined(target.namedChildren.filter((child) => child.type === 'string').map(next));
    case 'binary_operator':
      if (target.childForFieldName('operator')?.text !== '+') return null;
      return joined([next(target.childForFieldName('left')), next(target.childForFieldName('right'))]);
    case 'attribute':
      return pathAttribute(target, context);
    case 'call':
      return callValue(target, context, depth);
    case 'subscript':
      return subscriptValue(target, context, depth);
    default:
      return null;
  }
}

function joined(parts: (string | null)[]): string | null {
  return parts.every((part) => part !== null) ? parts.join('') : null;
}

/** An f-string whose every `{…}` is a static string (no format spec or conversion). */
function formatString(node: Node, context: StaticContext, depth: number): string | null {
  const start = node.firstChild;
  const prefix = (start?.text ?? '').replace(/['"]+$/, '').toLowerCase();
  if (!start || !prefix.includes('f') || /[bt]/.test(prefix)) return null;
  let text = '';
  for (const child of node.namedChildren) {
    if (child.type === 'string_start' || child.type === 'string_end') continue;
    if (child.type === 'string_content') {
      if (child.namedChildCount > 0) return null;
      text += child.text;
    } else if (child.type === 'interpolation') {
      const [expression, extra] = child.namedChildren;
      if (!expression || extra) return null;
      const value = staticString(expression, context, depth + 1);
      if (value === null) return null;
      text += value;
    } else {
      return null;
    }
  }
  return text.includes('{') || text.includes('}') ? null : text;
}

/** `Path(__file__).stem` / `.name`. */
function pathAttribute(node: Node, context: StaticContext): string | null {
  const attribute = node.childForFieldName('attribute')?.text;
  const object = node.childForFieldName('object');
  if (!object || !context.fileName || !isPathOfFile(object, context)) return null;
  if (attribute === 'name') return context.fileName;
  if (attribute === 'stem') return stem(context.fileName);
  return null;
}

function isPathOfFile(node: Node, context: StaticContext): boolean {
  if (node.type !== 'call') return false;
  const name = dottedName(node.childForFieldName('function') ?? node);
  const [argument, extra] = positionalArguments(node);
  return name !== null && standard(name, context) === 'pathlib.Path' && argument?.text === '__file__' && !extra;
}

/**
 * The standard-library name a dotted name stands for, through the file's imports (`Path` imported from
 * `pathlib` is `pathlib.Path`; `os.path.basename` with `import os`), or null.
 */
function standard(name: string, context: StaticContext): string | null {
  const [head = '', ...rest] = name.split('.');
  const imported = context.imports.get(head);
  if (!imported) return null;
  const module = imported.module === 'posixpath' ? 'os.path' : imported.module;
  if (rest.length === 0) return `${module}.${head}`;
  return module === head || module.startsWith(`${head}.`) ? name : null;
}

const STRING_METHODS = new Set(['replace', 'removesuffix', 'removeprefix', 'lower', 'upper', 'strip']);

function callValue(node: Node, context: StaticContext, depth: number): string | null {
  const callee = node.childForFieldName('function');
  if (!callee) return null;
  const args = node.childForFieldName('arguments')?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
  if (args.some((arg) => arg.type !== 'string' && arg.type !== 'identifier' && arg.type !== 'attribute')) return null;
  const name = dottedName(callee);
  const known = name === null ? null : standard(name, context);
  if (known === 'os.path.basename') {
    return args.length === 1 && args[0]?.text === '__file__' ? context.fileName : null;
  }
  if (callee.type !== 'attribute') return null;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const object = callee.childForFieldName('object');
  if (!STRING_METHODS.has(method) || !object) return null;
  const value = staticString(object, context, depth + 1);
  const values = args.map((arg) => staticString(arg, context, depth + 1));
  if (value === null || values.some((arg) => arg === null)) return null;
  const [first, second] = values as string[];
  if (method === 'replace' && args.length === 2 && first !== undefined && second !== undefined) return value.replaceAll(first, second);
  if (method === 'removesuffix' && args.length === 1 && first !== undefined) return value.endsWith(first) ? value.slice(0, value.length - first.length) : value;
  if (method === 'removeprefix' && args.length === 1 && first !== undefined) return value.startsWith(first) ? value.slice(first.length) : value;
  if (args.length > 0) return null;
  if (method === 'lower') return value.toLowerCase();
  if (method === 'upper') return value.toUpperCase();
  return method === 'strip' ? value.trim() : null;
}

/** `os.path.splitext(x)[0]`, `x.split(".")[0]`, `x.rsplit(".", 1)[0]` with a literal index. */
function subscriptValue(node: Node, context: StaticContext, depth: number): string | null {
  const index = node.childForFieldName('subscript');
  const value = node.childForFieldName('value');
  if (!index || !value || value.type !== 'call' || !/^-?\d+$/.test(index.text)) return null;
  const position = Number(index.text);
  const callee = value.childForFieldName('function');
  const args = value.childForFieldName('arguments')?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
  const name = callee ? dottedName(callee) : null;
  if (name !== null && standard(name, context) === 'os.path.splitext') {
    const text = args.length === 1 && args[0] ? staticString(args[0], context, depth + 1) : null;
    if (text === null) return null;
    const dot = text.lastIndexOf('.');
    const parts = dot > 0 ? [text.slice(0, dot), text.slice(dot)] : [text, ''];
    return parts.at(position) ?? null;
  }
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  const object = callee?.childForFieldName('object');
  if ((method !== 'split' && method !== 'rsplit') || !object || args.length !== 1 || !args[0]) return null;
  const text = staticString(object, context, depth + 1);
  const separator = stringLiteral(args[0]);
  if (text === null || !separator) return null;
  return text.split(separator).at(position) ?? null;
}

function stem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}
