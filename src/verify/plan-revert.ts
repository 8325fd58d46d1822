import { extractTaskSettings } from '../dags/extract-task-settings.js';
import { rewriteDag } from '../dags/rewrite.js';
import type { AppliedEdit } from '../dags/types.js';
import type { ProposedChange } from './types.js';

/** A setting someone changed after the merge: the file no longer holds the value spark-tuner proposed. */
export interface ChangedSince {
  change: ProposedChange;
  /** The value the file sets now, or null when the setting is gone. */
  current: string | null;
}

/**
 * What restoring the previous values of a regressed change can do to the DAG file as it is now:
 * - `revert`: the file still holds every proposed value; `content` has the previous value texts back;
 * - `changed`: a person changed (or removed) a proposed setting after the merge: never revert over it;
 * - `restored`: the file already holds the previous values (reverted by hand): nothing to do;
 * - `refused`: the rewrite engine cannot restore them safely; `reason` is one line for the user.
 */
export type RevertPlan =
  | { kind: 'revert'; content: string; edits: AppliedEdit[] }
  | { kind: 'changed'; changed: ChangedSince[] }
  | { kind: 'restored' }
  | { kind: 'refused'; reason: string };

/**
 * Plans the revert of `changes` in one DAG file (pure; the same rewrite engine as the tuning). Each setting's
 * value as Spark obeys it (the task's own occurrence of highest precedence) is compared, as text, with what the
 * merged pull request wrote: only a file that still holds every proposed value is edited, and only those values'
 * characters change back, so the file is byte for byte what it was before the tuning.
 */
export async function planRevert(content: string, path: string, dagId: string, changes: ProposedChange[]): Promise<RevertPlan> {
  const pending: ProposedChange[] = [];
  const changed: ChangedSince[] = [];
  for (const change of changes) {
    const current = await currentValue(content, path, dagId, change);
    if (typeof current === 'object' && current !== null) return current;
    if (current === change.new_value) pending.push(change);
    else if (current !== change.old_value) changed.push({ change, current });
  }
  if (changed.length > 0) return { kind: 'changed', changed };
  if (pending.length === 0) return { kind: 'restored' };
  const unset = pending.find((change) => change.old_value === null);
  if (unset) {
    return refused(`${unset.key} of task ${unset.task_id} was not set before the change, and spark-tuner does not remove settings; restore it by hand`);
  }
  const tasks = [...new Set(pending.map((change) => change.task_id))].map((task_id) => ({
    task_id,
    settings: pending.filter((change) => change.task_id === task_id).map((change) => ({ key: change.key, value: change.old_value ?? '' })),
  }));
  const rewrite = await rewriteDag(content, dagId, tasks, { path });
  if (rewrite.kind === 'refused') return refused(rewrite.reason);
  if (rewrite.kind === 'unchanged') return { kind: 'restored' };
  return { kind: 'revert', content: rewrite.content, edits: rewrite.edits };
}

/** The value Spark obeys for the change's key in its task, null when unset, or a refusal when it cannot be read. */
async function currentValue(content: string, path: string, dagId: string, change: ProposedChange): Promise<string | null | { kind: 'refused'; reason: string }> {
  const found = await extractTaskSettings(content, dagId, change.task_id, { path });
  if (found.kind === 'refused') return refused(found.reason);
  const own = found.settings
    .filter((setting) => setting.key === change.key && !setting.foreign)
    .sort((a, b) => a.precedence - b.precedence || a.range.start - b.range.start);
  return own.at(-1)?.value ?? null;
}

function refused(reason: string): { kind: 'refused'; reason: string } {
  return { kind: 'refused', reason };
}
