import type { Node, Tree } from 'web-tree-sitter';
import { findDags, type DagDefinition } from './find-dags.js';
import { findTasks, type TaskCall } from './find-tasks.js';
import { collectModuleConstants, type ModuleConstants } from './python/module-constants.js';

/** What a parsed DAG file defines; its nodes live only as long as the tree they come from. */
export interface DagFile {
  source: string;
  /** The file's base name, when its path is known (DAG ids may be built from `__file__`). */
  fileName: string | null;
  root: Node;
  constants: ModuleConstants;
  dags: DagDefinition[];
  tasks: TaskCall[];
}

const read = new WeakMap<Tree, DagFile>();

/**
 * Reads the DAGs, tasks and module constants of a parsed Python file, once per tree (a kept tree serves
 * locating the DAG, then planning its edit).
 */
export function readDagFile(source: string, root: Node, path?: string): DagFile {
  const fileName = path ? (path.split(/[\\/]/).at(-1) ?? null) : null;
  const known = read.get(root.tree);
  if (known?.source === source && known.fileName === fileName) return known;
  const constants = collectModuleConstants(root);
  const dags = findDags(root, constants, fileName);
  const tasks = findTasks(root, constants, dags);
  const file = { source, fileName, root, constants, dags, tasks };
  read.set(root.tree, file);
  return file;
}

/** The ids of a DAG's tasks, in file order, each once. */
export function taskIdsOf(file: DagFile, dagId: string): string[] {
  const ids = file.tasks.filter((task) => task.dag_id === dagId).map((task) => task.task_id);
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
