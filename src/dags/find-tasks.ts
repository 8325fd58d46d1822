import type { Node } from 'web-tree-sitter';
import type { DagDefinition } from './find-dags.js';
import { stringLiteral } from './python/literals.js';
import type { ModuleConstants } from './python/module-constants.js';
import { contains, dottedName, lineOf, rangeOf } from './python/nodes.js';
import { plainStringText } from './python/literals.js';
import { identifiersNamed, sourceOf } from './python/occurrences.js';
import { followConstants } from './python/resolve.js';
import {
  enclosingTaskGroup, findTaskGroupFunctions, groupDynamicReason, type TaskGroupFunction,
} from './task-group-functions.js';
import { findTaskGroupBlocks, qualifiedTaskId } from './task-groups.js';

/** An operator call that creates a task: any call with a `task_id=` argument. */
export interface TaskCall {
  /** The id Airflow gives it (TaskGroup prefix included), or null when it is not a literal. */
  task_id: string | null;
  /** The operator as written: `SparkSubmitOperator`, `spark_submit.SparkSubmitOperator`. */
  operator: string;
  call: Node;
  line: number;
  /** The DAG it belongs to, or null when that cannot be told. */
  dag_id: string | null;
  /** Why the call may create several tasks ("is created in a loop"), or null. */
  dynamic: string | null;
  /** The name the task is assigned to (`create = EmrCreateJobFlowOperator(…)`), or null. */
  variable: string | null;
}

const LOOPS = new Set([
  'for_statement', 'while_statement', 'list_comprehension', 'set_comprehension',
  'dictionary_comprehension', 'generator_expression',
]);

/**
 * Every task-creating call in the file, attributed to the DAG it belongs to. A task written in a `@task_group`
 * function belongs where the function is called, with the group id before its own. Only the places where
 * `task_id` is written are looked at; what only the edited task needs (operator, loops around it) is read when
 * asked for.
 */
export function findTasks(root: Node, constants: ModuleConstants, dags: DagDefinition[]): TaskCall[] {
  const groups = findTaskGroupFunctions(root, constants);
  const blocks = findTaskGroupBlocks(root, constants);
  const dagArguments = keywordArguments(root, 'dag');
  const tasks: TaskCall[] = [];
  const source = sourceOf(root);
  for (const { call, value: idNode } of keywordArguments(root, 'task_id').values()) {
    const label = plainStringText(source, idNode) ?? literalLabel(idNode, constants);
    const qualified = label === null ? null : qualifiedTaskId(rangeOf(call), label, blocks);
    const group = groups.length > 0 ? enclosingTaskGroup(call, groups) : null;
    const site = group?.callSites.length === 1 ? (group.callSites[0] ?? null) : null;
    const dag = owningDag(site ?? call, dags, dagArguments);
    tasks.push(taskCall(call, {
      task_id: group && qualified !== null ? groupTaskId(group, qualified) : qualified,
      dag,
      dynamic: () => (group
        ? (groupDynamicReason(group) ?? dynamicReason(call, dag, group.definition) ?? (site ? dynamicReason(site, dag) : null))
        : dynamicReason(call, dag)),
    }));
  }
  return tasks;
}

function literalLabel(idNode: Node, constants: ModuleConstants): string | null {
  const resolution = followConstants(idNode, constants);
  return resolution.kind === 'resolved' ? stringLiteral(resolution.node) : null;
}

function taskCall(
  call: Node, found: { task_id: string | null; dag: DagDefinition | null; dynamic: () => string | null },
): TaskCall {
  let dynamic: string | null | undefined;
  return {
    task_id: found.task_id,
    get operator() {
      return operatorName(call);
    },
    call,
    get line() {
      return lineOf(call);
    },
    dag_id: found.dag?.dag_id ?? null,
    get dynamic() {
      if (dynamic === undefined) dynamic = found.dynamic();
      return dynamic;
    },
    get variable() {
      return assignedName(call);
    },
  };
}

/**
 * The calls that pass `name=`, with its value (the first, as `keywordArgument` reads it), in the order a walk
 * over the tree meets them (an outer call before the calls in its arguments).
 */
function keywordArguments(root: Node, name: string): Map<string, { call: Node; value: Node }> {
  const byCall = new Map<string, { call: Node; value: Node }>();
  for (const identifier of identifiersNamed(root, name)) {
    const argument = identifier.parent;
    if (argument?.type !== 'keyword_argument' || !argument.childForFieldName('name')?.equals(identifier)) continue;
    const list = argument.parent;
    const call = list?.parent;
    const value = argument.childForFieldName('value');
    if (list?.type !== 'argument_list' || call?.type !== 'call' || !value) continue;
    if (!call.childForFieldName('arguments')?.equals(list) || byCall.has(callKey(call))) continue;
    byCall.set(callKey(call), { call, value });
  }
  const ordered = [...byCall].sort(([, a], [, b]) => a.call.startIndex - b.call.startIndex || b.call.endIndex - a.call.endIndex);
  return new Map(ordered);
}

function callKey(call: Node): string {
  return `${call.startIndex}:${call.endIndex}`;
}

function groupTaskId(group: TaskGroupFunction, id: string): string | null {
  if (!group.prefixes) return id;
  return group.groupId === null ? null : `${group.groupId}.${id}`;
}

function assignedName(call: Node): string | null {
  const parent = call.parent;
  const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : null;
  return left?.type === 'identifier' ? left.text : null;
}

function operatorName(call: Node): string {
  const callee = call.childForFieldName('function');
  if (!callee) return call.text;
  if (callee.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'partial') {
    const object = callee.childForFieldName('object');
    return object ? (dottedName(object) ?? object.text) : callee.text;
  }
  return dottedName(callee) ?? callee.text;
}

function owningDag(
  call: Node, dags: DagDefinition[], dagArguments: Map<string, { call: Node; value: Node }>,
): DagDefinition | null {
  const dagArgument = dagArguments.get(callKey(call))?.value ?? null;
  if (dagArgument) {
    const bound = dags.filter((dag) => dag.variables.includes(dagArgument.text) && dag.range.start < call.startIndex);
    return bound.at(-1) ?? null;
  }
  const range = rangeOf(call);
  let best: { dag: DagDefinition; size: number } | null = null;
  for (const dag of dags) {
    for (const scope of dag.scopes) {
      const size = scope.end - scope.start;
      if (contains(scope, range) && (!best || size < best.size)) best = { dag, size };
    }
  }
  if (best) return best.dag;
  return dags.length === 1 ? (dags[0] ?? null) : null;
}

/** Why a call may create several tasks, looking outwards until the DAG (or `stopAt`, a group function). */
function dynamicReason(call: Node, dag: DagDefinition | null, stopAt?: Node): string | null {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'partial') {
    return 'is created by dynamic task mapping with .partial()/.expand()';
  }
  for (let node = call.parent; node && node.type !== 'module'; node = node.parent) {
    if (stopAt?.equals(node)) return null;
    if (dag && contains(rangeOf(node), dag.range)) return null;
    if (LOOPS.has(node.type)) return 'is created in a loop';
    if (node.type === 'function_definition' || node.type === 'lambda') {
      return `is created inside ${functionLabel(node)}, which may run more than once`;
    }
  }
  return null;
}

function functionLabel(node: Node): string {
  const name = node.childForFieldName('name')?.text;
  return name ? `function ${name}()` : 'a lambda';
}
