import type { Node } from 'web-tree-sitter';
import { stringLiteral } from './python/literals.js';
import type { ModuleConstants } from './python/module-constants.js';
import { dottedName, keywordArgument, lastNamePart, positionalArguments } from './python/nodes.js';
import { followConstants } from './python/resolve.js';

interface TaskGroupBlock {
  label: string | null;
  prefixes: boolean;
}

/**
 * The task id Airflow gives a task written as `label` inside `with TaskGroup("g"):` blocks (`g.label`, as
 * `TaskGroup.child_id` does), or null when a group id is not a literal.
 */
export function qualifiedTaskId(call: Node, label: string, constants: ModuleConstants): string | null {
  const groups = enclosingGroups(call, constants);
  let id = label;
  for (const group of groups) {
    if (!group.prefixes) return id;
    if (group.label === null) return null;
    id = `${group.label}.${id}`;
  }
  return id;
}

/** The `with TaskGroup(...)` blocks around a node, innermost first. */
function enclosingGroups(node: Node, constants: ModuleConstants): TaskGroupBlock[] {
  const groups: TaskGroupBlock[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== 'block' || current.parent?.type !== 'with_statement') continue;
    const clause = current.parent.namedChildren.find((child) => child.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      const value = item.childForFieldName('value');
      const call = value?.type === 'as_pattern' ? value.firstNamedChild : value;
      if (call?.type === 'call' && isTaskGroup(call)) groups.push(groupOf(call, constants));
    }
  }
  return groups;
}

function isTaskGroup(call: Node): boolean {
  const callee = call.childForFieldName('function');
  const name = callee ? dottedName(callee) : null;
  return name !== null && lastNamePart(name) === 'TaskGroup';
}

function groupOf(call: Node, constants: ModuleConstants): TaskGroupBlock {
  const prefixes = keywordArgument(call, 'prefix_group_id')?.type !== 'false';
  const idNode = keywordArgument(call, 'group_id') ?? positionalArguments(call)[0] ?? null;
  const resolution = idNode ? followConstants(idNode, constants) : null;
  const label = resolution?.kind === 'resolved' ? stringLiteral(resolution.node) : null;
  return { label, prefixes };
}
