import { tasksOfDag, type DagDocument, type TaskView } from '../document.js';
import { lastNamePart } from '../python/nodes.js';
import { stringText, valueOf, type DictValue, type Value } from '../values/value.js';

const JOB_TYPES = ['spark_job', 'pyspark_job', 'spark_sql_job', 'spark_r_job', 'sparkJob', 'pysparkJob', 'sparkSqlJob', 'sparkRJob'];
const BATCH_TYPES = [
  'spark_batch', 'pyspark_batch', 'spark_sql_batch', 'spark_r_batch', 'sparkBatch', 'pysparkBatch', 'sparkSqlBatch', 'sparkRBatch',
];

/** The value of the first of several spellings of a key (`spark_job` or `sparkJob`). */
export function firstOf(dict: DictValue, keys: readonly string[]): Value | null {
  for (const key of keys) {
    const value = valueOf(dict, key);
    if (value) return value;
  }
  return null;
}

/** The Spark part of a Dataproc job (`spark_job`, `pyspark_job` …), or null. */
export function sparkJobPart(job: DictValue): Value | null {
  return firstOf(job, JOB_TYPES);
}

/** Whether a Dataproc Serverless batch runs Spark. */
export function isSparkBatch(batch: DictValue): boolean {
  return firstOf(batch, BATCH_TYPES) !== null;
}

/**
 * The `DataprocCreateClusterOperator` task of the same DAG that creates the cluster a job runs on (same
 * `cluster_name`), or null.
 */
export function clusterTask(task: TaskView, document: DagDocument, clusterName: string | null): TaskView | null {
  if (clusterName === null) return null;
  const creators = tasksOfDag(document, task.dag_id).filter((candidate) => {
    if (lastNamePart(candidate.operator) !== 'DataprocCreateClusterOperator') return false;
    return stringText(candidate.arguments.get('cluster_name') ?? null) === clusterName;
  });
  return creators.length === 1 ? (creators[0] ?? null) : null;
}

/** The `software_config.properties` of a cluster task's `cluster_config`, or null. */
export function clusterProperties(cluster: TaskView): Value | null {
  const config = cluster.arguments.get('cluster_config');
  const software = config?.kind === 'dict' ? firstOf(config, ['software_config', 'softwareConfig']) : null;
  return software?.kind === 'dict' ? valueOf(software, 'properties') : null;
}
