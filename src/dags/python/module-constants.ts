import type { Node } from 'web-tree-sitter';

/** A name assigned at module level: `EXECUTOR_MEMORY = "8g"`. */
export interface ModuleConstant {
  name: string;
  /** The assigned expression; null when the name is bound more than once (its value then depends on the path). */
  value: Node | null;
}

/** Module-level assignments of a parsed file, by name. */
export type ModuleConstants = ReadonlyMap<string, ModuleConstant>;

const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/**
 * Collects `NAME = <expr>` (and `NAME: T = <expr>`) statements at module level. A name bound again anywhere at
 * module level (in an `if`, a `for`, a `with … as`, `+=`) or declared `global` in a function has no known value.
 */
export function collectModuleConstants(root: Node): ModuleConstants {
  const constants = new Map<string, ModuleConstant>();
  for (const statement of root.namedChildren) {
    const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    if (!assignment || left?.type !== 'identifier') continue;
    const value = constants.has(left.text) ? null : assignment.childForFieldName('right');
    constants.set(left.text, { name: left.text, value });
  }
  for (const name of reboundNames(root, constants)) constants.set(name, { name, value: null });
  return constants;
}

/** Names bound at module level other than by the plain top-level assignments already collected. */
function reboundNames(root: Node, constants: Map<string, ModuleConstant>): Set<string> {
  const names = new Set<string>();
  const binders = root.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'as_pattern_target']);
  for (const node of binders) {
    const target = node.type === 'as_pattern_target' ? node.firstNamedChild : node.childForFieldName('left');
    if (target?.type !== 'identifier' || !constants.has(target.text) || inNestedScope(node)) continue;
    const isTopLevelAssignment = node.type === 'assignment' && node.parent?.parent?.type === 'module';
    if (!isTopLevelAssignment) names.add(target.text);
  }
  for (const statement of root.descendantsOfType('global_statement')) {
    for (const name of statement.namedChildren) if (constants.has(name.text)) names.add(name.text);
  }
  return names;
}

function inNestedScope(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (SCOPES.has(current.type)) return true;
  }
  return false;
}
