/** A span of a source text, in JS string indices (what tree-sitter reports for a JS string). */
export interface SourceRange {
  start: number;
  end: number;
}

/** One Spark setting to write: `spark.executor.memory` = `8g`. */
export interface SettingChange {
  key: string;
  value: string;
}

/** The settings to write into one Airflow task. */
export interface TaskChanges {
  task_id: string;
  settings: SettingChange[];
}

/**
 * A Spark setting as written in a DAG file (a Renovate-style extract record):
 * where its value text sits, so that `update` can check it and splice.
 */
export interface ExtractedSetting {
  /** The pattern family that found it, e.g. `spark-submit-operator`. */
  family: string;
  task_id: string;
  key: string;
  /** The value as written, without quotes. */
  value: string;
  /** The value's characters, inside the quotes. */
  range: SourceRange;
  /** 1-based line of the value. */
  line: number;
  /** Which occurrence Spark obeys: higher wins (a dedicated argument beats a `conf` entry). */
  precedence: number;
}

/** What an edit did, for the PR body and the CLI. */
export interface AppliedEdit {
  task_id: string;
  key: string;
  old_value: string | null;
  new_value: string;
  line: number;
}

export type RewriteResult =
  /** `notes`: what a reviewer should know, e.g. a second, overridden occurrence left as it was. */
  | { kind: 'edited'; content: string; edits: AppliedEdit[]; notes: string[] }
  /** Every value already equals the requested one. */
  | { kind: 'unchanged'; notes: string[] }
  /** `reason`: one line a user understands, e.g. "the value is built by an f-string". */
  | { kind: 'refused'; reason: string };

/** Read access to a repository's files, local or on GitHub. */
export interface RepoFiles {
  /** Every file path (posix, relative to the repository root). */
  list(): Promise<string[]>;
  read(path: string): Promise<string>;
  /** Reads these files ahead in bulk where the source can (GitHub: GraphQL batches); `read` works without it. */
  prefetch?(paths: string[]): Promise<void>;
  /** The file's size in bytes where the source lists it without reading it (GitHub: the git tree), else null. */
  size?(path: string): Promise<number | null>;
}

export type LocateResult =
  | { kind: 'found'; path: string; content: string; task_ids: string[] }
  | { kind: 'not-found'; searched: number; problems: string[] }
  | { kind: 'ambiguous'; paths: string[] };
