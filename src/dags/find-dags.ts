import type { Node } from 'web-tree-sitter';
import type { ModuleConstants } from './python/module-constants.js';
import { calleeUse, dottedName, keywordArgument, lastNamePart, lineOf, positionalArguments, rangeOf } from './python/nodes.js';
import { identifiersNamed } from './python/occurrences.js';
import { collectImports } from './python/imports.js';
import { staticString, type StaticContext } from './python/static-string.js';
import type { SourceRange } from './types.js';

/** An Airflow DAG defined in a file. */
export interface DagDefinition {
  dag_id: string;
  line: number;
  /** The `DAG(…)` call or the `@dag` function: tasks created between it and a loop are dynamic. */
  range: SourceRange;
  /** Where its tasks are written: `with` blocks and the body of a `@dag` function. */
  scopes: SourceRange[];
  /** Names bound to the DAG object (`dag = DAG(…)`, `with DAG(…) as dag`), for tasks passed `dag=dag`. */
  variables: string[];
  /** The `default_args=` expression, whose entries reach every task of the DAG. */
  defaultArgs: Node | null;
}

/**
 * Finds `DAG(...)` constructions and `@dag` functions whose id is a literal (or a module constant holding one).
 * Only the places where `DAG` and `dag` are written are looked at, never the whole tree.
 */
export function findDags(root: Node, constants: ModuleConstants, fileName: string | null = null): DagDefinition[] {
  const context: StaticContext = { constants, fileName, imports: collectImports(root) };
  const dags: DagDefinition[] = [];
  for (const identifier of identifiersNamed(root, 'DAG')) {
    const { callee, call } = calleeUse(identifier);
    const name = dottedName(callee);
    if (!call || !name || lastNamePart(name) !== 'DAG' || call.parent?.type === 'decorator') continue;
    const idNode = idArgumentNode(call);
    const dagId = idNode ? staticString(idNode, context) : null;
    if (dagId !== null) dags.push(dagFromConstructor(root, call, dagId));
  }
  const decorators = new Set<number>();
  for (const identifier of identifiersNamed(root, 'dag')) {
    const { decorator } = calleeUse(identifier);
    if (!decorator || decorators.has(decorator.startIndex)) continue;
    decorators.add(decorator.startIndex);
    const dag = dagFromDecorator(decorator, context);
    if (dag) dags.push(dag);
  }
  return dags.sort((a, b) => a.line - b.line || a.range.start - b.range.start);
}

function dagFromConstructor(root: Node, call: Node, dagId: string): DagDefinition {
  const dag: DagDefinition = {
    dag_id: dagId, line: lineOf(call), range: rangeOf(call), scopes: [], variables: [],
    defaultArgs: keywordArgument(call, 'default_args'),
  };
  const parent = call.parent;
  if (parent?.type === 'as_pattern') {
    const alias = parent.childForFieldName('alias')?.firstNamedChild;
    if (alias?.type === 'identifier') dag.variables.push(alias.text);
    addWithBody(dag, parent.parent);
  } else if (parent?.type === 'with_item') {
    addWithBody(dag, parent);
  } else if (parent?.type === 'assignment' && parent.childForFieldName('left')?.type === 'identifier') {
    const variable = parent.childForFieldName('left')?.text ?? '';
    dag.variables.push(variable);
    const until = nextAssignment(root, variable, call.endIndex);
    for (const identifier of identifiersNamed(root, variable)) {
      const item = identifier.parent;
      if (item?.type !== 'with_item' || !item.childForFieldName('value')?.equals(identifier)) continue;
      if (item.startIndex > call.endIndex && item.startIndex < until) addWithBody(dag, item);
    }
  }
  return dag;
}

/** Where `variable` is next assigned after `from` (a second `dag = DAG(…)`), or the end of the file. */
function nextAssignment(root: Node, variable: string, from: number): number {
  const next = identifiersNamed(root, variable).find((identifier) => {
    const assignment = identifier.parent;
    return assignment?.type === 'assignment' && assignment.startIndex > from
      && (assignment.childForFieldName('left')?.equals(identifier) ?? false);
  });
  return next?.parent?.startIndex ?? Number.POSITIVE_INFINITY;
}

function addWithBody(dag: DagDefinition, withItem: Node | null): void {
  const statement = withItem?.parent?.parent;
  const body = statement?.type === 'with_statement' ? statement.childForFieldName('body') : null;
  if (body) dag.scopes.push(rangeOf(body));
}

function dagFromDecorator(decorator: Node, context: StaticContext): DagDefinition | null {
  const expression = decorator.firstNamedChild;
  if (!expression) return null;
  const call = expression.type === 'call' ? expression : null;
  const callee = call ? call.childForFieldName('function') : expression;
  const name = callee ? dottedName(callee) : null;
  if (!name || lastNamePart(name) !== 'dag') return null;
  const definition = decorator.parent?.childForFieldName('definition');
  if (definition?.type !== 'function_definition') return null;
  const functionName = definition.childForFieldName('name')?.text ?? '';
  const idNode = call ? idArgumentNode(call) : null;
  const dagId = idNode ? staticString(idNode, context) : functionName;
  const body = definition.childForFieldName('body');
  if (!dagId || !body) return null;
  const defaultArgs = call ? keywordArgument(call, 'default_args') : null;
  return { dag_id: dagId, line: lineOf(decorator), range: rangeOf(definition), scopes: [rangeOf(body)], variables: [], defaultArgs };
}

/** The DAG id argument: `dag_id=` or the first positional argument. */
function idArgumentNode(call: Node): Node | null {
  return keywordArgument(call, 'dag_id') ?? positionalArguments(call)[0] ?? null;
}

