import type { AppliedEdit } from '../dags/types.js';

/** Everything needed to open (or update) one pull request for one DAG file. */
export interface Proposal {
  dag_id: string;
  /** Path of the DAG file, posix, relative to the repository root. */
  file_path: string;
  old_content: string;
  new_content: string;
  /** Unified diff of the file. */
  diff: string;
  title: string;
  /** The PR body (Markdown), ending with the hidden fingerprint marker. */
  body: string;
  commit_message: string;
  /** Hash of what is proposed (file, settings, values): equal proposals have equal fingerprints. */
  fingerprint: string;
  labels: string[];
  edits: AppliedEdit[];
}

/** The branch every proposal for a DAG lives on (a fixed interface). */
export function branchName(dagId: string): string {
  return `spark-tuner/${dagId}`;
}

/** The branch of the one revert of a DAG's regressed tuning (DESIGN §10; a fixed interface). */
export function revertBranchName(dagId: string): string {
  return `spark-tuner/revert-${dagId}`;
}
