import { readDagFile, taskIdsOf } from './dag-file.js';
import { firstSyntaxErrorLine, withPythonTree } from './python/parser.js';

/** A DAG found in a file, with the ids of its tasks. */
export interface DagSummary {
  dag_id: string;
  line: number;
  task_ids: string[];
}

export type DagFileInfo =
  | { kind: 'parsed'; dags: DagSummary[] }
  | { kind: 'syntax-error'; line: number };

/** Parses a Python file (never runs it) and lists the DAGs it defines and their tasks. */
export function inspectDagFile(source: string): Promise<DagFileInfo> {
  return withPythonTree(source, (root): DagFileInfo => {
    const errorLine = firstSyntaxErrorLine(root);
    if (errorLine !== null) return { kind: 'syntax-error', line: errorLine };
    const file = readDagFile(source, root);
    const dags = file.dags.map((dag) => ({ dag_id: dag.dag_id, line: dag.line, task_ids: taskIdsOf(file, dag.dag_id) }));
    return { kind: 'parsed', dags };
  });
}
