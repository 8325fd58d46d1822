import type { Node } from 'web-tree-sitter';
import { stringLiteral } from './python/literals.js';
import type { ModuleConstants } from './python/module-constants.js';
import { calleeUse, contains, dottedName, keywordArgument, lastNamePart, positionalArguments, rangeOf } from './python/nodes.js';
import { identifiersNamed } from './python/occurrences.js';
import { followConstants } from './python/resolve.js';
import type { SourceRange } from './types.js';

/** A `with TaskGroup("g"):` block: the tasks written in its body get the group id before theirs. */
export interface TaskGroupBlock {
  body: SourceRange;
  /** Items of one `with` statement nest like nested statements: a later item is inside an earlier one. */
  item: number;
  label: string | null;
  prefixes: boolean;
}

/** Every `with TaskGroup(…)` block of a module (only the places where `TaskGroup` is written are looked at). */
export function findTaskGroupBlocks(root: Node, constants: ModuleConstants): TaskGroupBlock[] {
  const blocks: TaskGroupBlock[] = [];
  for (const identifier of identifiersNamed(root, 'TaskGroup')) {
    const { callee, call } = calleeUse(identifier);
    const name = dottedName(callee);
    if (!call || name === null || lastNamePart(name) !== 'TaskGroup') continue;
    const value = call.parent?.type === 'as_pattern' ? call.parent : call;
    const item = value.parent;
    if (item?.type !== 'with_item' || !item.childForFieldName('value')?.equals(value)) continue;
    const clause = item.parent;
    const statement = clause?.parent;
    const body = statement?.type === 'with_statement' ? statement.childForFieldName('body') : null;
    if (!clause || !body) continue;
    const index = clause.namedChildren.findIndex((child) => child.equals(item));
    blocks.push({ body: rangeOf(body), item: index, ...groupOf(call, constants) });
  }
  return blocks;
}

/**
 * The task id Airflow gives a task written as `label` inside `with TaskGroup("g"):` blocks (`g.label`, as
 * `TaskGroup.child_id` does), or null when a group id is not a literal.
 */
export function qualifiedTaskId(call: SourceRange, label: string, blocks: TaskGroupBlock[]): string | null {
  const groups = blocks
    .filter((block) => contains(block.body, call))
    .sort((a, b) => b.body.start - a.body.start || b.item - a.item);
  let id = label;
  for (const group of groups) {
    if (!group.prefixes) return id;
    if (group.label === null) return null;
    id = `${group.label}.${id}`;
  }
  return id;
}

function groupOf(call: Node, constants: ModuleConstants): { label: string | null; prefixes: boolean } {
  const prefixes = keywordArgument(call, 'prefix_group_id')?.type !== 'false';
  const idNode = keywordArgument(call, 'group_id') ?? positionalArguments(call)[0] ?? null;
  const resolution = idNode ? followConstants(idNode, constants) : null;
  const label = resolution?.kind === 'resolved' ? stringLiteral(resolution.node) : null;
  return { label, prefixes };
}
