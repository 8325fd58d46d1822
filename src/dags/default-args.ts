import type { Node } from 'web-tree-sitter';
import { readDictEntries } from './python/dict-entries.js';
import { describeNonLiteral } from './python/literals.js';
import type { ModuleConstants } from './python/module-constants.js';
import { lineOf } from './python/nodes.js';
import { followConstants } from './python/resolve.js';
import type { DagDefinition } from './find-dags.js';

export type DefaultArgs =
  /** No `default_args`. */
  | { kind: 'none' }
  /** A dict literal: the line of each key it sets. */
  | { kind: 'known'; keys: Map<string, number> }
  /** Built in a way we cannot read: `reason` is one line for the user. */
  | { kind: 'opaque'; reason: string };

/** The keys a DAG's `default_args` gives every task (Airflow fills them in when a task does not pass them). */
export function readDefaultArgs(dag: DagDefinition, constants: ModuleConstants): DefaultArgs {
  if (!dag.defaultArgs) return { kind: 'none' };
  const where = `the default_args of DAG ${dag.dag_id} (line ${lineOf(dag.defaultArgs)})`;
  const resolution = followConstants(dag.defaultArgs, constants);
  if (resolution.kind === 'unresolved') return { kind: 'opaque', reason: `${where} ${resolution.reason}` };
  if (resolution.node.type === 'none') return { kind: 'none' };
  if (isDictCall(resolution.node)) return { kind: 'known', keys: keywordKeys(resolution.node) };
  if (resolution.node.type !== 'dictionary') {
    return { kind: 'opaque', reason: `${where} ${describeNonLiteral(resolution.node)}` };
  }
  const contents = readDictEntries(resolution.node, constants);
  const problem = contents.problems[0];
  if (problem) return { kind: 'opaque', reason: `${where} ${problem.reason}` };
  return { kind: 'known', keys: new Map(contents.entries.map((entry) => [entry.key, entry.line])) };
}

/** `dict(owner="data", retries=2)`: keyword arguments only. */
function isDictCall(node: Node): boolean {
  if (node.type !== 'call' || node.childForFieldName('function')?.text !== 'dict') return false;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  return args.every((arg) => arg.type === 'keyword_argument' || arg.type === 'comment');
}

function keywordKeys(call: Node): Map<string, number> {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const keys = new Map<string, number>();
  for (const arg of args) {
    const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name') : null;
    if (name) keys.set(name.text, lineOf(arg));
  }
  return keys;
}
