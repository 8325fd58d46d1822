import { withYamlDocument } from './dag-factory/yaml-document.js';
import type { DagDocument, DagFormat } from './document.js';
import type { Splice } from './edit-syntax.js';
import { firstSyntaxErrorLine, withEditedPythonTree, withPythonTree } from './python/parser.js';
import { pythonDocument } from './python/python-document.js';

export type Parsed<T> = { kind: 'parsed'; result: T } | { kind: 'syntax-error'; line: number };

/** The format of a DAG file: dag-factory YAML for `.yml`/`.yaml` paths, else Python. */
export function formatOfPath(path: string): DagFormat {
  return /\.ya?ml$/i.test(path) ? 'dag-factory' : 'python';
}

/**
 * Parses a DAG file (never runs it) and hands it to `use` as a `DagDocument`, which must not be kept; a file
 * that does not parse gives the line of its first error instead. `path` names the file (for ids built from
 * `__file__`).
 */
export async function withDagDocument<T>(
  source: string, format: DagFormat, use: (document: DagDocument) => T, path?: string,
): Promise<Parsed<T>> {
  if (format === 'dag-factory') return withYamlDocument(source, use);
  return withPythonTree(source, (root): Parsed<T> => {
    const line = firstSyntaxErrorLine(root);
    if (line !== null) return { kind: 'syntax-error', line };
    return { kind: 'parsed', result: use(pythonDocument(source, root, path)) };
  });
}

/**
 * Like `withDagDocument` for `content`, the text `source` becomes with `splices`: a Python tree of `source` that
 * is still kept is parsed again only where the splices touch it.
 */
export async function withEditedDagDocument<T>(
  source: string, splices: Splice[], content: string, format: DagFormat, use: (document: DagDocument) => T, path?: string,
): Promise<Parsed<T>> {
  if (format === 'dag-factory') return withYamlDocument(content, use);
  return withEditedPythonTree(source, splices, content, (root): Parsed<T> => {
    const line = firstSyntaxErrorLine(root);
    if (line !== null) return { kind: 'syntax-error', line };
    return { kind: 'parsed', result: use(pythonDocument(content, root, path)) };
  });
}

/**
 * The format of a file whose path is unknown: Python, unless it does not parse as Python but is a dag-factory
 * YAML file (a mapping of DAG ids to configs with `tasks`), which never parses as Python.
 */
export async function detectFormat(source: string): Promise<DagFormat> {
  const pythonError = await withPythonTree(source, firstSyntaxErrorLine);
  if (pythonError === null) return 'python';
  const yaml = await withYamlDocument(source, (document) => document.dags.length > 0);
  return yaml.kind === 'parsed' && yaml.result ? 'dag-factory' : 'python';
}
