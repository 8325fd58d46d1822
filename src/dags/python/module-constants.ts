import type { Node } from 'web-tree-sitter';
import { identifiersNamed } from './occurrences.js';

/** A name assigned at module level: `EXECUTOR_MEMORY = "8g"`. */
export interface ModuleConstant {
  name: string;
  /** The assigned expression; null when the name is bound more than once (its value then depends on the path). */
  value: Node | null;
}

/** Module-level assignments of a parsed file, looked up by name. */
export interface ModuleConstants {
  get(name: string): ModuleConstant | undefined;
}

const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);
const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression']);

/**
 * The `NAME = <expr>` (and `NAME: T = <expr>`) statements at module level (also in `with` blocks there, such as
 * `with DAG(…):`), read when a name is first asked about (only that name's occurrences are looked at). A name bound again anywhere at module level (in an `if`,
 * a `for`, a `with … as`, `+=`, an unpacking, `del`, `def`/`class`) or declared `global` in a function has no
 * known value.
 */
export function collectModuleConstants(root: Node): ModuleConstants {
  const memo = new Map<string, ModuleConstant | undefined>();
  return {
    get(name) {
      if (!memo.has(name)) memo.set(name, lookUp(root, name));
      return memo.get(name);
    },
  };
}

function lookUp(root: Node, name: string): ModuleConstant | undefined {
  let constant: ModuleConstant | undefined;
  let rebound = false;
  for (const identifier of identifiersNamed(root, name)) {
    const binding = bindingOf(identifier);
    if (binding === null) continue;
    if (binding.kind === 'statement') {
      constant = { name, value: constant ? null : binding.value };
    } else if (binding.kind === 'global' || !inNestedScope(binding.binder)) {
      rebound = true;
    }
  }
  if (!constant) return undefined;
  return rebound ? { name, value: null } : constant;
}

type Binding = { kind: 'statement'; value: Node | null } | { kind: 'global' } | { kind: 'other'; binder: Node };

/** How an identifier binds its name: a top-level `NAME = …` statement, a `global`, another binding, or not at all. */
function bindingOf(identifier: Node): Binding | null {
  let target = identifier;
  let parent = identifier.parent;
  while (parent && PATTERNS.has(parent.type)) {
    target = parent;
    parent = parent.parent;
  }
  if (!parent) return null;
  const unpacked = !target.equals(identifier);
  switch (parent.type) {
    case 'assignment': {
      if (!isField(parent, 'left', target)) return null;
      const topLevel = !unpacked && parent.parent?.type === 'expression_statement' && runsOnceAtModuleLevel(parent.parent);
      return topLevel ? { kind: 'statement', value: parent.childForFieldName('right') } : { kind: 'other', binder: parent };
    }
    case 'augmented_assignment':
    case 'for_statement':
      return isField(parent, 'left', target) ? { kind: 'other', binder: parent } : null;
    case 'named_expression':
    case 'function_definition':
    case 'class_definition':
      return isField(parent, 'name', target) ? { kind: 'other', binder: parent } : null;
    case 'as_pattern_target':
    case 'delete_statement':
      return { kind: 'other', binder: parent };
    case 'global_statement':
      return { kind: 'global' };
    default:
      return null;
  }
}

/** A statement of the module, or of `with` blocks (`with DAG(…) as dag:`) at module level: run once, unconditionally. */
function runsOnceAtModuleLevel(statement: Node): boolean {
  for (let block = statement.parent; block; block = block.parent?.parent ?? null) {
    if (block.type === 'module') return true;
    if (block.type !== 'block' || block.parent?.type !== 'with_statement') return false;
  }
  return false;
}

function isField(parent: Node, field: string, node: Node): boolean {
  return parent.childForFieldName(field)?.equals(node) ?? false;
}

/** True when a binding statement is inside a function, class or lambda (it binds a local name there). */
function inNestedScope(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (SCOPES.has(current.type)) return true;
  }
  return false;
}
