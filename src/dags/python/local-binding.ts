import type { Node } from 'web-tree-sitter';
import { lineOf } from './nodes.js';
import { identifiersNamed } from './occurrences.js';

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression']);

export type LocalBinding = { kind: 'value'; value: Node } | { kind: 'unresolved'; reason: string };

/**
 * The value of a local name of `scope` (a function or lambda) where `use` reads it: its one binding in that
 * function must be a plain `name = <expr>` statement run unconditionally (in the body or in `with` blocks, such as
 * `with DAG(…)`) before the use. Anything else (a parameter, a second binding, one inside `if`/`for`/`try`,
 * `global`/`nonlocal`) leaves the value unknown; `reason` ends a sentence.
 */
export function localBinding(scope: Node, use: Node): LocalBinding {
  const name = use.text;
  const where = scope.type === 'lambda' ? 'a lambda' : `function ${scope.childForFieldName('name')?.text ?? ''}()`;
  const unresolved = (why: string): LocalBinding => ({ kind: 'unresolved', reason: `comes from ${name}, ${why}` });
  const body = scope.childForFieldName('body');
  if (scope.type === 'lambda' || !body) return unresolved(`a local name of ${where}`);
  const occurrences = identifiersNamed(scope.tree.rootNode, name, { start: scope.startIndex, end: scope.endIndex });
  const outer = occurrences.find((identifier) => OUTER.has(identifier.parent?.type ?? ''));
  if (outer) return unresolved(`which is declared ${outer.parent?.type === 'global_statement' ? 'global' : 'nonlocal'} (line ${lineOf(outer)})`);
  const bindings = occurrences
    .filter((identifier) => innermostScope(identifier)?.equals(scope) && bindingStatement(identifier) !== null);
  const [first, second] = bindings;
  if (!first) return unresolved(`a local name of ${where}`);
  if (second) return unresolved(`which ${where} assigns more than once (lines ${bindings.map(lineOf).join(', ')})`);
  const statement = bindingStatement(first);
  if (statement === 'parameter') return unresolved(`a parameter of ${where}`);
  if (statement === null || statement.type !== 'assignment' || !statement.childForFieldName('left')?.equals(first)) {
    return unresolved(`which ${where} binds in a way that is not a plain assignment (line ${lineOf(first)})`);
  }
  const value = statement.childForFieldName('right');
  if (!value || statement.childForFieldName('type') || value.type === 'assignment') {
    return unresolved(`which ${where} binds in a way that is not a plain assignment (line ${lineOf(first)})`);
  }
  if (!runsOnce(statement, body)) return unresolved(`which ${where} assigns conditionally or in a loop (line ${lineOf(first)})`);
  if (statement.endIndex > use.startIndex) return unresolved(`which ${where} assigns only after this use (line ${lineOf(first)})`);
  return { kind: 'value', value };
}

/** The function, lambda or class whose local names include this identifier's (its innermost scope), or null. */
export function innermostScope(identifier: Node): Node | null {
  for (let node = identifier.parent; node; node = node.parent) {
    if (!SCOPES.has(node.type)) continue;
    if (node.type !== 'lambda' && node.childForFieldName('name')?.equals(identifier)) continue;
    return node;
  }
  return null;
}

/**
 * The statement through which an identifier binds its name (an assignment, `for`, `with … as`, `del`, `global`,
 * `def`, import …), 'parameter' for a parameter, or null when it only reads it.
 */
function bindingStatement(identifier: Node): Node | 'parameter' | null {
  let target = identifier;
  let parent = identifier.parent;
  while (parent && PATTERNS.has(parent.type)) {
    target = parent;
    parent = parent.parent;
  }
  if (!parent) return null;
  switch (parent.type) {
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
      return parent.childForFieldName('left')?.equals(target) ? parent : null;
    case 'named_expression':
      return parent.childForFieldName('name')?.equals(target) ? parent : null;
    case 'function_definition':
    case 'class_definition':
      return parent.childForFieldName('name')?.equals(target) ? parent : null;
    case 'parameters':
    case 'lambda_parameters':
    case 'default_parameter':
    case 'typed_parameter':
    case 'typed_default_parameter':
      return isParameterName(parent, target) ? 'parameter' : null;
    case 'as_pattern_target':
    case 'delete_statement':
    case 'global_statement':
    case 'nonlocal_statement':
    case 'dotted_name':
    case 'aliased_import':
      return parent.type === 'dotted_name' && !inImport(parent) ? null : parent;
    default:
      return null;
  }
}

function isParameterName(parent: Node, target: Node): boolean {
  if (parent.type === 'parameters' || parent.type === 'lambda_parameters' || parent.type === 'typed_parameter') return true;
  return parent.childForFieldName('name')?.equals(target) ?? false;
}

function inImport(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'import_statement' || parent?.type === 'import_from_statement' || parent?.type === 'aliased_import';
}

/** True when a statement in a function body is reached once per call: only `with` blocks lie between them. */
function runsOnce(assignment: Node, body: Node): boolean {
  const statement = assignment.parent;
  if (statement?.type !== 'expression_statement') return false;
  for (let block = statement.parent; block; block = block.parent?.parent ?? null) {
    if (block.equals(body)) return true;
    if (block.type !== 'block' || block.parent?.type !== 'with_statement') return false;
  }
  return false;
}

/**
 * The function in which an identifier is a local name (a parameter, or bound in its own body, not in a nested
 * function), shadowing any module constant of that name; null when it reads the module-level name.
 */
export function shadowingFunction(identifier: Node): Node | null {
  for (let scope = identifier.parent; scope; scope = scope.parent) {
    if (scope.type !== 'function_definition' && scope.type !== 'lambda') continue;
    if (!inBodyOrParameterName(scope, identifier)) continue;
    if (bindsName(scope, identifier.text)) return scope;
  }
  return null;
}

/**
 * True when an identifier is read or bound in the function's own scope: in its body, or as a parameter's name.
 * Default values, annotations and the function's name are evaluated in the scope around it.
 */
function inBodyOrParameterName(scope: Node, identifier: Node): boolean {
  const body = scope.childForFieldName('body');
  if (body && body.startIndex <= identifier.startIndex && identifier.endIndex <= body.endIndex) return true;
  return bindingStatement(identifier) === 'parameter';
}

/** True when a function binds the name in its own scope (and does not declare it `global` or `nonlocal`). */
function bindsName(scope: Node, name: string): boolean {
  const statements = identifiersNamed(scope.tree.rootNode, name, { start: scope.startIndex, end: scope.endIndex })
    .filter((identifier) => innermostScope(identifier)?.equals(scope) && !isOwnName(scope, identifier))
    .map(bindingStatement)
    .filter((statement) => statement !== null);
  const declared = statements.some((statement) => statement !== 'parameter' && OUTER.has(statement.type));
  return statements.length > 0 && !declared;
}

const OUTER = new Set(['global_statement', 'nonlocal_statement']);

function isOwnName(scope: Node, identifier: Node): boolean {
  return scope.childForFieldName('name')?.equals(identifier) ?? false;
}
