import { isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type YAMLMap } from 'yaml';
import type { Parsed } from '../dag-document.js';
import { lineAt, type DagDocument, type DagView, type TaskView } from '../document.js';
import type { SourceRange } from '../types.js';
import type { Value } from '../values/value.js';
import { yamlEditSyntax } from './yaml-edit-syntax.js';
import { dagFactoryTasks } from './yaml-tasks.js';
import { yamlValue, type YamlContext } from './yaml-value.js';

/**
 * Parses a dag-factory YAML file (every document in it, YAML 1.1 as PyYAML reads it) and hands it to `use`
 * as a `DagDocument`; a file that does not parse gives the line of its first error.
 */
export async function withYamlDocument<T>(source: string, use: (document: DagDocument) => T): Promise<Parsed<T>> {
  const documents = parseAllDocuments(source, { version: '1.1' });
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) return { kind: 'syntax-error', line: error.linePos?.[0].line ?? lineAt(source, error.pos[0]) };
  }
  return { kind: 'parsed', result: use(yamlDocument(source, list)) };
}

function yamlDocument(source: string, documents: Document[]): DagDocument {
  const dags: DagView[] = [];
  const tasks: TaskView[] = [];
  for (const document of documents) {
    const context: YamlContext = { document, source };
    const root = document.contents;
    if (!isMap(root)) continue;
    const defaults = mapEntry(root, 'default');
    const sharedDefaults = isMap(defaults) ? defaultArgs(defaults, context) : [];
    for (const pair of root.items) {
      const dagId = isScalar(pair.key) ? String(pair.key.value) : null;
      if (dagId === null || dagId === 'default' || !isMap(pair.value) || !pair.value.has('tasks')) continue;
      const line = lineAt(source, pair.key && isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
      dags.push({ dag_id: dagId, line, defaultArgs: [...sharedDefaults, ...defaultArgs(pair.value, context)] });
      tasks.push(...dagFactoryTasks(dagId, pair.value, context));
    }
  }
  let anchors: Map<string, SourceRange[]> | null = null;
  const readers = (name: string): SourceRange[] => {
    anchors ??= anchorReaders(documents, tasks);
    return anchors.get(name) ?? [];
  };
  return { format: 'dag-factory', source, dags, tasks, readers, syntax: yamlEditSyntax(source) };
}

function defaultArgs(config: YAMLMap, context: YamlContext): Value[] {
  return config.has('default_args') ? [yamlValue(config.get('default_args', true), context)] : [];
}

function mapEntry(map: YAMLMap, key: string): unknown {
  return map.get(key, true);
}

/** For each anchor (`&name`), its aliases and, when it is written inside a task, the anchored node itself. */
function anchorReaders(documents: Document[], tasks: TaskView[]): Map<string, SourceRange[]> {
  const readers = new Map<string, SourceRange[]>();
  const add = (name: string, range: SourceRange): void => {
    readers.set(name, [...(readers.get(name) ?? []), range]);
  };
  for (const document of documents) {
    visit(document, {
      Alias(_key, alias) {
        const [start, end] = alias.range ?? [0, 0];
        add(`&${alias.source}`, { start, end });
      },
      Node(_key, node) {
        if (!(isMap(node) || isSeq(node) || isScalar(node)) || !node.anchor) return;
        const [start, end] = node.range ?? [0, 0];
        if (tasks.some((task) => task.range.start <= start && end <= task.range.end)) add(`&${node.anchor}`, { start, end });
      },
    });
  }
  return readers;
}
