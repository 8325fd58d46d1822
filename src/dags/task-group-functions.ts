import type { Node } from 'web-tree-sitter';
import { stringLiteral } from './python/literals.js';
import type { ModuleConstants } from './python/module-constants.js';
import { calleeUse, contains, dottedName, keywordArgument, lastNamePart, lineOf, positionalArguments, rangeOf } from './python/nodes.js';
import { identifiersNamed } from './python/occurrences.js';
import { followConstants } from './python/resolve.js';

/** A function decorated with `@task_group`: its tasks get its group id, and exist once per call. */
export interface TaskGroupFunction {
  definition: Node;
  name: string;
  /** The group id (`group_id=` or the function name), or null when it is not a literal. */
  groupId: string | null;
  prefixes: boolean;
  /** Where it is called: `etl()`. */
  callSites: Node[];
  /** Why one call may make several groups (`.expand()`), or null. */
  mapped: string | null;
}

/** Every `@task_group` function of a module, with its call sites (only where `task_group` is written is looked at). */
export function findTaskGroupFunctions(root: Node, constants: ModuleConstants): TaskGroupFunction[] {
  const groups: TaskGroupFunction[] = [];
  const seen = new Set<number>();
  for (const identifier of identifiersNamed(root, 'task_group')) {
    const { decorator } = calleeUse(identifier);
    if (!decorator || seen.has(decorator.startIndex)) continue;
    seen.add(decorator.startIndex);
    const expression = decorator.firstNamedChild;
    const call = expression?.type === 'call' ? expression : null;
    const callee = call ? call.childForFieldName('function') : expression;
    const decoratorName = callee ? dottedName(callee) : null;
    const definition = decorator.parent?.childForFieldName('definition');
    const name = definition?.childForFieldName('name')?.text;
    const isGroup = decoratorName !== null && lastNamePart(decoratorName) === 'task_group';
    if (!isGroup || definition?.type !== 'function_definition' || !name) continue;
    const idNode = call ? (keywordArgument(call, 'group_id') ?? positionalArguments(call)[0] ?? null) : null;
    const resolution = idNode ? followConstants(idNode, constants) : null;
    const groupId = idNode ? (resolution?.kind === 'resolved' ? stringLiteral(resolution.node) : null) : name;
    const prefixes = (call ? keywordArgument(call, 'prefix_group_id') : null)?.type !== 'false';
    groups.push({ definition, name, groupId, prefixes, ...callsOf(root, name) });
  }
  return groups;
}

/** The `@task_group` function a node is written in (the innermost), or null. */
export function enclosingTaskGroup(node: Node, groups: TaskGroupFunction[]): TaskGroupFunction | null {
  const range = rangeOf(node);
  let innermost: TaskGroupFunction | null = null;
  for (const group of groups) {
    const definition = rangeOf(group.definition);
    const inside = contains(definition, range) && (definition.start !== range.start || definition.end !== range.end);
    if (inside && (!innermost || contains(rangeOf(innermost.definition), definition))) innermost = group;
  }
  return innermost;
}

/** Why the tasks of a group function are not one task each: never called, called several times, mapped. */
export function groupDynamicReason(group: TaskGroupFunction): string | null {
  if (group.mapped) return group.mapped;
  if (group.callSites.length === 0) return `is in the task group function ${group.name}(), which is never called`;
  if (group.callSites.length > 1) {
    const lines = [...new Set(group.callSites.map(lineOf))].join(', ');
    return `is in the task group function ${group.name}(), which is called ${group.callSites.length} times (line ${lines})`;
  }
  return null;
}

function callsOf(root: Node, name: string): { callSites: Node[]; mapped: string | null } {
  const callSites: Node[] = [];
  let mapped: string | null = null;
  for (const identifier of identifiersNamed(root, name)) {
    const parent = identifier.parent;
    if (parent?.type === 'call' && parent.childForFieldName('function')?.equals(identifier)) callSites.push(parent);
    const method = parent?.type === 'attribute' ? parent.childForFieldName('attribute')?.text : undefined;
    if (method === 'expand' || method === 'partial' || method === 'expand_kwargs') {
      mapped = `is in the task group function ${name}(), which is mapped with .${method}() (line ${lineOf(parent as Node)})`;
    }
  }
  return { callSites, mapped };
}
