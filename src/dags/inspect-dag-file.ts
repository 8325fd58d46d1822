import { formatOfPath, withDagDocument } from './dag-document.js';
import { readDagFile, taskIdsOf } from './dag-file.js';
import type { DagDocument } from './document.js';
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

/**
 * Parses a DAG file (never runs it) and lists the DAGs it defines and their tasks: Python, or dag-factory YAML
 * when `path` ends in `.yml`/`.yaml`.
 */
export async function inspectDagFile(source: string, path = ''): Promise<DagFileInfo> {
  if (formatOfPath(path) === 'dag-factory') {
    const parsed = await withDagDocument(source, 'dag-factory', summaries);
    return parsed.kind === 'parsed' ? { kind: 'parsed', dags: parsed.result } : parsed;
  }
  return withPythonTree(source, (root): DagFileInfo => {
    const errorLine = firstSyntaxErrorLine(root);
    if (errorLine !== null) return { kind: 'syntax-error', line: errorLine };
    const file = readDagFile(source, root, path || undefined);
    const dags = file.dags.map((dag) => ({ dag_id: dag.dag_id, line: dag.line, task_ids: taskIdsOf(file, dag.dag_id) }));
    return { kind: 'parsed', dags };
  });
}

function summaries(document: DagDocument): DagSummary[] {
  return document.dags.map((dag) => {
    const ids = document.tasks.filter((task) => task.dag_id === dag.dag_id).map((task) => task.task_id);
    return { dag_id: dag.dag_id, line: dag.line, task_ids: [...new Set(ids.filter((id): id is string => id !== null))] };
  });
}
