import { branchName, revertBranchName } from '../publish/types.js';

const BRANCH_PREFIX = branchName('');
/** A revert PR is its own record (its `revert-of` marker), never a tuning PR. */
const REVERT_PREFIX = revertBranchName('');

/** The DAG id of a tuning PR's head branch (`spark-tuner/<dag_id>`), or null for any other branch, reverts included. */
export function tuningBranchDag(ref: string): string | null {
  if (!ref.startsWith(BRANCH_PREFIX) || ref.startsWith(REVERT_PREFIX)) return null;
  return ref.slice(BRANCH_PREFIX.length);
}
