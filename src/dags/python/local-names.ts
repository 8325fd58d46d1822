import type { Node } from 'web-tree-sitter';

const FUNCTIONS = new Set(['function_definition', 'lambda']);
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
  const binders = body.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'as_pattern_target']);
  return binders.some((node) => {
    const target = node.type === 'as_pattern_target' ? node.firstNamedChild : node.childForFieldName('left');
    return target?.type === 'identifier' && target.text === name;
  });
}

function parameterName(parameter: Node): string | null {
  if (!(parameter.type in PARAMETER_NAMES)) return null;
  const field = PARAMETER_NAMES[parameter.type];
  const node = field ? parameter.childForFieldName(field) : parameter.type === 'identifier' ? parameter : parameter.firstNamedChild;
  return node?.type === 'identifier' ? node.text : null;
}
