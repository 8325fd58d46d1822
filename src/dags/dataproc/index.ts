import type { DagDocument, TaskView } from '../document.js';
import { PRECEDENCE, type Addition, type SettingArgument, type TaskSettings } from '../family.js';
import { lastNamePart } from '../python/nodes.js';
import { addToDict, nestedEntry, stringEntry } from '../settings/additions.js';
import { heldIn, notADict, readPropertiesDict, type SettingReader } from '../settings/read-settings.js';
import { newReader } from '../settings/reader.js';
import { stringText, valueOf, type DictValue, type Value } from '../values/value.js';
import { clusterProperties, clusterTask, firstOf, isSparkBatch, sparkJobPart } from './job-parts.js';

/**
 * Dataproc: the `properties` of a `DataprocSubmitJobOperator` job's Spark part (above the `spark:` properties
 * of the cluster a `DataprocCreateClusterOperator` of the same DAG creates, never edited for the job), the
 * `runtime_config.properties` of a `DataprocCreateBatchOperator` batch, the properties of the one Spark job of a
 * `DataprocInstantiateInlineWorkflowTemplateOperator` template (`template.jobs[]`, a workflow with several Spark
 * jobs is refused), and `dataproc_properties` of the older per-job-type operators.
 */
export const name = 'dataproc';

const LEGACY = [
  'DataprocSubmitSparkJobOperator', 'DataprocSubmitPySparkJobOperator', 'DataprocSubmitSparkSqlJobOperator',
  'DataprocSubmitSparkRJobOperator',
];

const INLINE_WORKFLOW = 'DataprocInstantiateInlineWorkflowTemplateOperator';

export const operators: readonly string[] = ['DataprocSubmitJobOperator', 'DataprocCreateBatchOperator', INLINE_WORKFLOW, ...LEGACY];

export const settingArguments: Readonly<Record<string, SettingArgument>> = {
  job: { key: null, precedence: PRECEDENCE.confEntry },
  batch: { key: null, precedence: PRECEDENCE.confEntry },
  template: { key: null, precedence: PRECEDENCE.confEntry },
  dataproc_properties: { key: null, precedence: PRECEDENCE.confEntry },
};

/** Where a task's own properties are, or would go. */
interface PropertiesPlace {
  properties: Value | null;
  what: string;
  /** The dict a missing `properties` is added to, with the keys to nest it under; or the argument to add. */
  parent: DictValue | null;
  path: string[];
  argument: string | null;
  /** Why nothing can be added, when there is no parent. */
  missing: string;
}

/** Its own properties, and the cluster's `spark:` properties as settings of another task. */
export function extractSettings(task: TaskView, document: DagDocument): TaskSettings {
  const reader = newReader(name, task, document);
  const place = propertiesPlace(task, reader);
  const label = `its properties entry${place.properties ? heldIn(place.properties) : ''}`;
  readPropertiesDict(reader, place.properties, place.what, { precedence: PRECEDENCE.confEntry, label });
  const cluster = clusterTask(task, document, clusterName(task));
  const properties = cluster ? clusterProperties(cluster) : null;
  if (cluster?.task_id && properties) {
    const scratch = newReader(name, task, document);
    const what = `the cluster properties of task ${cluster.task_id}`;
    const occurrence = { precedence: PRECEDENCE.clusterDefaults, label: what, owner: cluster.task_id };
    readPropertiesDict(scratch, properties, what, occurrence, (key) => (key.startsWith('spark:') ? key.slice(6) : null));
    reader.into.settings.push(...scratch.into.settings);
  }
  return reader.into;
}

/** A new `properties` entry (or a new `properties` dict in the job's Spark part, the batch's runtime_config). */
export function addSetting(task: TaskView, document: DagDocument, key: string, value: string): Addition | string {
  const place = propertiesPlace(task, newReader(name, task, document));
  const entry = stringEntry(key, value);
  const { properties, parent, argument } = place;
  if (properties?.kind === 'dict') return addToDict(properties, [entry], PRECEDENCE.confEntry, `properties entry${heldIn(properties)}`);
  if (properties) return `${place.what} is not a dict literal`;
  if (argument) {
    const insertion = { kind: 'arguments' as const, task, entries: [nestedEntry([argument], entry)] };
    return { insertion, precedence: PRECEDENCE.confEntry, via: [], label: `${argument} argument` };
  }
  if (!parent) return place.missing;
  return addToDict(parent, [nestedEntry(place.path, entry)], PRECEDENCE.confEntry, `${place.path.join('.')} in ${place.what}`);
}

function propertiesPlace(task: TaskView, reader: SettingReader): PropertiesPlace {
  const operator = lastNamePart(task.operator);
  const place = (what: string, fields: Partial<PropertiesPlace>): PropertiesPlace => {
    const missing = `${what} has no Spark properties to add it to`;
    return { properties: null, what, parent: null, path: [], argument: null, missing, ...fields };
  };
  const problem = (what: string, value: Value): PropertiesPlace => {
    const reason = `${what} ${notADict(value)} (line ${value.line}), so its settings cannot be read safely`;
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
    return place(what, {});
  };
  if (LEGACY.includes(operator)) {
    const properties = task.arguments.get('dataproc_properties') ?? null;
    const argument = properties ? null : 'dataproc_properties';
    return place(`the dataproc_properties of task ${task.task_id}`, { properties, argument });
  }
  if (operator === INLINE_WORKFLOW) return workflowJobPlace(task, reader, place, problem);
  const isBatch = operator === 'DataprocCreateBatchOperator';
  const container = task.arguments.get(isBatch ? 'batch' : 'job');
  const what = `the ${isBatch ? 'batch' : 'job'} of task ${task.task_id}`;
  if (!container || container.kind === 'null') {
    return place(what, { missing: `task ${task.task_id} has no ${isBatch ? 'batch' : 'job'} argument` });
  }
  if (container.kind !== 'dict') return problem(what, container);
  if (isBatch) {
    if (!isSparkBatch(container)) return place(what, { missing: `${what} is not a Spark batch` });
    const runtime = firstOf(container, ['runtime_config', 'runtimeConfig']);
    if (runtime && runtime.kind !== 'dict') return problem(`the runtime_config of ${what}`, runtime);
    if (!runtime) return place(`the runtime_config of ${what}`, { parent: container, path: ['runtime_config', 'properties'] });
    const properties = valueOf(runtime, 'properties');
    return place(`the runtime_config properties of ${what}`, { properties, parent: runtime, path: ['properties'] });
  }
  const part = sparkJobPart(container);
  if (!part) return place(what, { missing: `${what} has no Spark part (spark_job, pyspark_job, spark_sql_job, spark_r_job)` });
  if (part.kind !== 'dict') return problem(`the Spark part of ${what}`, part);
  return place(`the properties of ${what}`, { properties: valueOf(part, 'properties'), parent: part, path: ['properties'] });
}

/** The properties of the one Spark job in an inline workflow template's `jobs`. */
function workflowJobPlace(
  task: TaskView, reader: SettingReader,
  place: (what: string, fields: Partial<PropertiesPlace>) => PropertiesPlace,
  problem: (what: string, value: Value) => PropertiesPlace,
): PropertiesPlace {
  const what = `the workflow template of task ${task.task_id}`;
  const template = task.arguments.get('template');
  if (!template || template.kind === 'null') return place(what, { missing: `task ${task.task_id} has no template argument` });
  if (template.kind !== 'dict') return problem(what, template);
  const jobs = valueOf(template, 'jobs');
  if (!jobs) return place(what, { missing: `${what} has no jobs` });
  if (jobs.kind !== 'list') return problem(`the jobs of ${what}`, jobs);
  const hidden = jobs.problems[0];
  if (hidden) {
    const reason = `the jobs of ${what} ${hidden.reason} (line ${hidden.line}), so its settings cannot be read safely`;
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
    return place(what, {});
  }
  const parts: { part: Value; step: string }[] = [];
  for (const job of jobs.items) {
    if (job.kind !== 'dict') return problem(`a job of ${what}`, job);
    const part = sparkJobPart(job);
    if (part) parts.push({ part, step: stringText(valueOf(job, 'step_id') ?? valueOf(job, 'stepId')) ?? `line ${job.line}` });
  }
  const [only, second] = parts;
  if (!only) return place(what, { missing: `${what} has no Spark job (spark_job, pyspark_job, spark_sql_job, spark_r_job)` });
  if (second) {
    const steps = parts.map((entry) => entry.step).join(', ');
    const reason = `${what} runs several Spark jobs (${steps}), whose runs cannot be told apart`;
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
    return place(what, {});
  }
  if (only.part.kind !== 'dict') return problem(`the Spark job ${only.step} of ${what}`, only.part);
  const jobWhat = `the properties of job ${only.step} of ${what}`;
  return place(jobWhat, { properties: valueOf(only.part, 'properties'), parent: only.part, path: ['properties'] });
}

function clusterName(task: TaskView): string | null {
  const job = task.arguments.get('job');
  const placement = job?.kind === 'dict' ? valueOf(job, 'placement') : null;
  const fromJob = placement?.kind === 'dict' ? firstOf(placement, ['cluster_name', 'clusterName']) : null;
  return stringText(fromJob ?? task.arguments.get('cluster_name') ?? null);
}
