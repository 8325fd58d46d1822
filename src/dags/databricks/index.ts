import type { DagDocument, TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type SettingArgument, type TaskSettings } from '../family.js';
import { addToDict, nestedEntry, stringEntry } from '../settings/additions.js';
import { heldIn, readPropertiesDict } from '../settings/read-settings.js';
import { newReader } from '../settings/reader.js';
import { valueOf } from '../values/value.js';
import { databricksClusters } from './clusters.js';

/**
 * Databricks operators: the `spark_conf` of the one `new_cluster` a task defines (as an argument, in `json=`, or
 * in `tasks`/`job_clusters`). A task that defines several clusters is refused: its runs cannot be told apart.
 */
export const name = 'databricks';

export const operators: readonly string[] = [
  'DatabricksSubmitRunOperator', 'DatabricksSubmitRunDeferrableOperator', 'DatabricksCreateJobsOperator',
  'DatabricksNotebookOperator', 'DatabricksTaskOperator',
];

export const settingArguments: Readonly<Record<string, SettingArgument>> = {
  new_cluster: { key: null, precedence: PRECEDENCE.confEntry },
  json: { key: null, precedence: PRECEDENCE.confEntry },
  tasks: { key: null, precedence: PRECEDENCE.confEntry },
  job_clusters: { key: null, precedence: PRECEDENCE.confEntry },
};

/** The cluster's `spark_conf` entries. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  const reader = newReader(name, task, document);
  const { clusters, unreadable } = databricksClusters(task);
  const everything = (reason: string): void => {
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
  };
  if (unreadable) everything(`${unreadable}, so its Spark settings cannot be read safely`);
  if (clusters.length > 1) {
    const lines = clusters.map((cluster) => cluster.line).join(', ');
    everything(`task ${task.task_id} defines ${clusters.length} clusters (lines ${lines}), whose runs cannot be told apart; `
      + 'give each its own task');
  }
  const cluster = clusters[0];
  const sparkConf = cluster ? valueOf(cluster, 'spark_conf') : null;
  const label = `its spark_conf entry${sparkConf ? heldIn(sparkConf) : ''}`;
  readPropertiesDict(reader, sparkConf, `the spark_conf of task ${task.task_id}`, { precedence: PRECEDENCE.confEntry, label });
  return reader.into;
}

/** A new `spark_conf` entry (or a new `spark_conf` in the cluster spec). */
export function addSetting(task: TaskView, _document: DagDocument, key: string, value: string): Addition | string {
  const { clusters, elsewhere } = databricksClusters(task);
  const cluster = clusters[0];
  const entry = stringEntry(key, value);
  if (!cluster && elsewhere) return `task ${task.task_id} runs on ${elsewhere}, whose Spark config is not in this file`;
  if (!cluster) return `task ${task.task_id} defines no new_cluster`;
  const sparkConf = valueOf(cluster, 'spark_conf');
  if (!sparkConf) return addToDict(cluster, [nestedEntry(['spark_conf'], entry)], PRECEDENCE.confEntry, 'spark_conf of its new_cluster');
  if (sparkConf.kind !== 'dict') return 'its spark_conf is not a dict literal';
  return addToDict(sparkConf, [entry], PRECEDENCE.confEntry, `spark_conf entry${heldIn(sparkConf)}`);
}
