import type { Node } from 'web-tree-sitter';
import { identifiersNamed } from './occurrences.js';

const FUNCTIONS = new Set(['function_definition', 'lambda']);
const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression']);
const PARAMETER_NAMES: Record<string, string | null> = {
  identifier: null,
  default_parameter: 'name',
  typed_default_parameter: 'name',
  typed_parameter: null,
  list_splat_pattern: null,
  dictionary_splat_pattern: null,
};

/**
 * The function in which an identifier is a local name (a parameter, or assigned in its body), shadowing any
 * module constant of that name; null when it reads the module-level name.
 */
export function shadowingFunction(identifier: Node): Node | null {
  for (let scope = identifier.parent; scope; scope = scope.parent) {
    if (FUNCTIONS.has(scope.type) && bindsName(scope, identifier.text)) return scope;
  }
  return null;
}

function bindsName(scope: Node, name: string): boolean {
  const parameters = scope.childForFieldName('parameters')?.namedChildren ?? [];
  if (parameters.some((parameter) => parameterName(parameter) === name)) return true;
  const body = scope.childForFieldName('body');
  if (!body) return false;
  return identifiersNamed(scope.tree.rootNode, name, { start: body.startIndex, end: body.endIndex }).some(isBound);
}

/** `name = …`, `a, name = …`, `name += …`, `for name in …`, `with … as name`, `(name := …)`. */
function isBound(identifier: Node): boolean {
  let target = identifier;
  let parent = identifier.parent;
  while (parent && PATTERNS.has(parent.type)) {
    target = parent;
    parent = parent.parent;
  }
  if (parent?.type === 'as_pattern_target') return true;
  if (parent?.type === 'named_expression') return parent.childForFieldName('name')?.equals(target) ?? false;
  const binder = parent?.type === 'assignment' || parent?.type === 'augmented_assignment' || parent?.type === 'for_statement';
  return binder && (parent?.childForFieldName('left')?.equals(target) ?? false);
}

function parameterName(parameter: Node): string | null {
  if (!(parameter.type in PARAMETER_NAMES)) return null;
  const field = PARAMETER_NAMES[parameter.type];
  const node = field ? parameter.childForFieldName(field) : parameter.type === 'identifier' ? parameter : parameter.firstNamedChild;
  return node?.type === 'identifier' ? node.text : null;
}
