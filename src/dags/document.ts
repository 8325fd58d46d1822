import type { EditSyntax } from './edit-syntax.js';
import type { SourceRange } from './types.js';
import type { Value } from './values/value.js';

/** The formats a DAG can be written in. */
export type DagFormat = 'python' | 'dag-factory';

/**
 * A parsed DAG file, the same for Python and dag-factory YAML: what families read. Python nodes live only as
 * long as the tree they come from, so a document is used inside `withDagDocument` and never kept.
 */
export interface DagDocument {
  format: DagFormat;
  source: string;
  dags: DagView[];
  tasks: TaskView[];
  /**
   * Every place that reads a shared name (a module constant, a YAML anchor; a function's local name when `scope`
   * is that function) and may pass it on to a task's settings, as `via` records them. Reads that only print or
   * log it, or take the length of a value the edit does not lengthen (`grows` false), are not readers.
   */
  readers(name: string, scope?: SourceRange, grows?: boolean): SourceRange[];
  /** Writes insertions in the file's own style. */
  syntax: EditSyntax;
}

/** A DAG defined in the file. */
export interface DagView {
  dag_id: string;
  line: number;
  /**
   * The `default_args` that apply (dag-factory: the file's `default` block and the DAG's own), which fill in the
   * operator arguments a task does not pass.
   */
  defaultArgs: Value[];
}

/** A task: an operator call with `task_id=`, or a dag-factory task. */
export interface TaskView {
  /** The id Airflow gives it (TaskGroup prefix included), or null when it is not a literal. */
  task_id: string | null;
  /** The operator as written: `SparkSubmitOperator`, `airflow.providers….EmrAddStepsOperator`. */
  operator: string;
  line: number;
  range: SourceRange;
  /** The DAG it belongs to, or null when that cannot be told. */
  dag_id: string | null;
  /** Why it may create several tasks ("is created in a loop"), or null. */
  dynamic: string | null;
  /** The name the task object is bound to (`create = EmrCreateJobFlowOperator(…)`), for `create.output`. */
  variable: string | null;
  /** Its keyword arguments (dag-factory: its keys), values already resolved. */
  arguments: ReadonlyMap<string, Value>;
  /** What hides every argument: `**kwargs`, positional arguments, a YAML merge key (one line each). */
  problems: string[];
  /** The parser's node, for the format's edit syntax. */
  origin: unknown;
}

/** The tasks of one DAG. */
export function tasksOfDag(document: DagDocument, dagId: string | null): TaskView[] {
  return document.tasks.filter((task) => task.dag_id === dagId);
}

let cachedSource: string | null = null;
let cachedStarts = new Int32Array(1);

/** 1-based line of a JS string index in `source` (line starts are kept for the last source asked about). */
export function lineAt(source: string, index: number): number {
  if (cachedSource !== source) {
    let count = 1;
    for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) count += 1;
    cachedStarts = new Int32Array(count);
    let line = 1;
    for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) cachedStarts[line++] = at + 1;
    cachedSource = source;
  }
  let low = 0;
  let high = cachedStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((cachedStarts[middle] ?? 0) <= index) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
