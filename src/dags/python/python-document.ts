import type { Node } from 'web-tree-sitter';
import { readDagFile } from '../dag-file.js';
import type { DagDocument, DagView, TaskView } from '../document.js';
import type { TaskCall } from '../find-tasks.js';
import type { Value } from '../values/value.js';
import { pythonEditSyntax } from './edit-syntax.js';
import { collectImports } from './imports.js';
import { lineOf, positionalArguments, rangeOf, splatArguments } from './nodes.js';
import { pythonValue, type PythonScope } from './python-value.js';
import { settingReaders } from './references.js';

/** A parsed Python DAG file as a `DagDocument`; valid only while its tree lives. */
export function pythonDocument(source: string, root: Node, path?: string): DagDocument {
  const file = readDagFile(source, root, path);
  const scope: PythonScope = { root, constants: file.constants, imports: collectImports(root), mutations: new Map() };
  const dags: DagView[] = file.dags.map((dag) => ({
    dag_id: dag.dag_id,
    line: dag.line,
    defaultArgs: dag.defaultArgs ? [pythonValue(dag.defaultArgs, scope)] : [],
  }));
  return {
    format: 'python',
    source,
    dags,
    tasks: file.tasks.map((task) => taskView(task, scope)),
    readers: (name, scope, grows = true) => settingReaders(root, name, scope, grows).map(rangeOf),
    syntax: pythonEditSyntax(source),
  };
}

function taskView(task: TaskCall, scope: PythonScope): TaskView {
  let values: Map<string, Value> | null = null;
  let problems: string[] | null = null;
  return {
    task_id: task.task_id,
    get operator() {
      return task.operator;
    },
    line: task.line,
    range: rangeOf(task.call),
    dag_id: task.dag_id,
    get dynamic() {
      return task.dynamic;
    },
    get variable() {
      return task.variable;
    },
    get arguments(): ReadonlyMap<string, Value> {
      values ??= readArguments(task.call, scope);
      return values;
    },
    get problems() {
      problems ??= argumentProblems(task);
      return problems;
    },
    origin: task.call,
  };
}

function readArguments(call: Node, scope: PythonScope): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name')?.text;
    const value = argument.childForFieldName('value');
    if (name && value) values.set(name, pythonValue(value, scope));
  }
  return values;
}

function argumentProblems(task: TaskCall): string[] {
  const name = `task ${task.task_id ?? '(unnamed)'}`;
  const problems: string[] = [];
  const splat = splatArguments(task.call)[0];
  if (splat) {
    problems.push(`${name} takes arguments from ${splat.text} (line ${lineOf(splat)}), `
      + 'so its Spark settings cannot be read safely');
  }
  if (positionalArguments(task.call).length > 0) {
    problems.push(`${name} passes operator arguments by position (line ${task.line}); only keyword arguments can be edited`);
  }
  return problems;
}
