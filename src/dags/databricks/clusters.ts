import type { TaskView } from '../document.js';
import { valueOf, type DictValue, type Value } from '../values/value.js';

/** The clusters a Databricks task defines, and what else decides where it runs. */
export interface DatabricksClusters {
  clusters: DictValue[];
  /** Why some cluster cannot be read (ends a sentence), or null. */
  unreadable: string | null;
  /** Where the task runs when it defines no cluster: "an existing cluster (existing_cluster_id)". */
  elsewhere: string | null;
}

/**
 * The `new_cluster` specs of a Databricks task: its own `new_cluster=`, `tasks=` and `job_clusters=` arguments
 * win over the same keys of `json=`, as the operators merge them.
 */
export function databricksClusters(task: TaskView): DatabricksClusters {
  const found: DatabricksClusters = { clusters: [], unreadable: null, elsewhere: null };
  const json = task.arguments.get('json');
  if (json && json.kind !== 'dict' && json.kind !== 'null') {
    found.unreadable = `the json of task ${task.task_id} ${describe(json)} (line ${json.line})`;
  }
  const argument = (name: string): Value | null => {
    return task.arguments.get(name) ?? (json?.kind === 'dict' ? valueOf(json, name) : null);
  };
  addCluster(found, argument('new_cluster'), `the new_cluster of task ${task.task_id}`);
  for (const name of ['tasks', 'job_clusters']) {
    const list = argument(name);
    if (!list || list.kind === 'null') continue;
    if (list.kind !== 'list') {
      found.unreadable ??= `the ${name} of task ${task.task_id} ${describe(list)} (line ${list.line})`;
      continue;
    }
    for (const item of list.items) {
      const what = `the ${name} of task ${task.task_id}`;
      if (item.kind !== 'dict') found.unreadable ??= `an item of ${what} ${describe(item)} (line ${item.line})`;
      else addCluster(found, valueOf(item, 'new_cluster'), `a new_cluster in ${what}`);
    }
  }
  if (argument('existing_cluster_id')) found.elsewhere = 'an existing cluster (existing_cluster_id)';
  else if (argument('job_cluster_key')) found.elsewhere = 'a job cluster of its workflow (job_cluster_key)';
  else if (argument('job_id') || argument('job_name')) found.elsewhere = 'an existing Databricks job (job_id)';
  return found;
}

function addCluster(found: DatabricksClusters, value: Value | null, what: string): void {
  if (!value || value.kind === 'null') return;
  if (value.kind === 'dict') found.clusters.push(value);
  else found.unreadable ??= `${what} ${describe(value)} (line ${value.line})`;
}

function describe(value: Value): string {
  return value.kind === 'opaque' ? value.reason : `is a ${value.kind}`;
}
