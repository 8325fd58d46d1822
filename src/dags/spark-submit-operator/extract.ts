import type { Node } from 'web-tree-sitter';
import type { DagFile } from '../dag-file.js';
import { readDefaultArgs } from '../default-args.js';
import { PRECEDENCE, type FoundSetting, type SettingProblem, type TaskSettings } from '../family.js';
import type { TaskCall } from '../find-tasks.js';
import { readDictEntries } from '../python/dict-entries.js';
import { describeNonLiteral, type LiteralValue } from '../python/literals.js';
import { keywordArgument, lineOf, positionalArguments, splatArguments } from '../python/nodes.js';
import { isMutation, nameReferences } from '../python/references.js';
import { followConstants, resolveLiteral, type ConstantReference } from '../python/resolve.js';

/** The family's name, recorded in every setting it extracts. */
export const FAMILY_NAME = 'spark-submit-operator';

/** The operator arguments that set a Spark property themselves; they win over a `conf` entry. */
export const DEDICATED_ARGUMENTS: Readonly<Record<string, string>> = {
  executor_memory: 'spark.executor.memory',
  executor_cores: 'spark.executor.cores',
  num_executors: 'spark.executor.instances',
  driver_memory: 'spark.driver.memory',
};

/** Reads the Spark settings of a `SparkSubmitOperator(...)` task: dedicated arguments and `conf` entries. */
export function extractSettings(task: TaskCall, file: DagFile): TaskSettings {
  const found: TaskSettings = { settings: [], problems: [] };
  const name = `task ${task.task_id ?? '(unnamed)'}`;
  const splat = splatArguments(task.call)[0];
  if (splat) {
    found.problems.push(everything(`${name} takes arguments from ${splat.text} (line ${lineOf(splat)}), so its Spark settings cannot be read safely`));
  }
  if (positionalArguments(task.call).length > 1) {
    found.problems.push(everything(`${name} passes operator arguments by position (line ${task.line}); only keyword arguments can be edited`));
  }
  readDedicatedArguments(task, file, found);
  readConf(task, file, found);
  readDagDefaults(task, file, found);
  return found;
}

function readDedicatedArguments(task: TaskCall, file: DagFile, found: TaskSettings): void {
  for (const [argument, key] of Object.entries(DEDICATED_ARGUMENTS)) {
    const node = keywordArgument(task.call, argument);
    if (!node || node.type === 'none') continue;
    const resolution = resolveLiteral(node, file.constants);
    if (resolution.kind === 'unresolved') {
      const reason = `the value of ${key} for task ${task.task_id} (${argument}=) ${resolution.reason} (line ${lineOf(node)})`;
      found.problems.push({ key, precedence: PRECEDENCE.dedicatedArgument, reason });
      continue;
    }
    const { literal, via } = resolution;
    const holder = via.at(-1);
    const label = holder ? `the ${argument} argument (constant ${holder.name})` : `the ${argument} argument`;
    found.settings.push(setting(task, key, literal, via, PRECEDENCE.dedicatedArgument, label));
  }
}

function readConf(task: TaskCall, file: DagFile, found: TaskSettings): void {
  const node = keywordArgument(task.call, 'conf');
  if (!node) return;
  const conf = `the conf of task ${task.task_id}`;
  const resolution = followConstants(node, file.constants);
  if (resolution.kind === 'unresolved') {
    found.problems.push(confWide(`${conf} ${resolution.reason} (line ${lineOf(node)})`));
    return;
  }
  const dict = resolution.node;
  if (dict.type === 'none') return;
  if (dict.type !== 'dictionary') {
    found.problems.push(confWide(`${conf} is built dynamically: it ${describeNonLiteral(dict)} (line ${lineOf(node)})`));
    return;
  }
  const mutated = mutatedConstant(file.root, resolution.via);
  if (mutated) {
    found.problems.push(confWide(`${conf} comes from ${mutated.text}, which is changed in place at line ${lineOf(mutated)}`));
  }
  const contents = readDictEntries(dict, file.constants);
  for (const problem of contents.problems) {
    found.problems.push(confWide(`${conf} ${problem.reason} (line ${problem.line}), so its settings cannot be read safely`));
  }
  const holder = resolution.via.at(-1);
  const label = holder ? `its conf entry in ${holder.name}` : 'its conf entry';
  for (const entry of contents.entries) {
    if (entry.value.kind === 'unresolved') {
      const reason = `the value of ${entry.key} for task ${task.task_id} ${entry.value.reason} (line ${entry.line})`;
      found.problems.push({ key: entry.key, precedence: PRECEDENCE.confEntry, reason });
      continue;
    }
    const via = [...resolution.via, ...entry.value.via];
    found.settings.push(setting(task, entry.key, entry.value.literal, via, PRECEDENCE.confEntry, label));
  }
}

/** `default_args` fill in the arguments a task does not pass; we do not edit them (yet), so they block. */
function readDagDefaults(task: TaskCall, file: DagFile, found: TaskSettings): void {
  const dag = file.dags.find((candidate) => candidate.dag_id === task.dag_id);
  if (!dag) return;
  const defaults = readDefaultArgs(dag, file.constants);
  if (defaults.kind === 'none') return;
  if (defaults.kind === 'opaque') {
    const reason = `${defaults.reason}, so it may set Spark arguments of task ${task.task_id} that cannot be seen`;
    found.problems.push({ key: null, precedence: PRECEDENCE.defaultArgs, reason });
    return;
  }
  const inherited = [...Object.entries(DEDICATED_ARGUMENTS), ['conf', null] as const];
  for (const [argument, key] of inherited) {
    const line = defaults.keys.get(argument);
    if (line === undefined || keywordArgument(task.call, argument)) continue;
    const reason = `DAG ${dag.dag_id} sets ${argument} for every task in its default_args (line ${line}); editing default_args is not supported yet`;
    found.problems.push({ key, precedence: key ? PRECEDENCE.defaultArgs : PRECEDENCE.confEntry, reason });
  }
}

function setting(
  task: TaskCall, key: string, literal: LiteralValue, via: ConstantReference[], precedence: number, label: string,
): FoundSetting {
  const { kind, value, range, line } = literal;
  return { family: FAMILY_NAME, task_id: task.task_id ?? '', key, value, range, line, precedence, literal: kind, via, label };
}

function mutatedConstant(root: Node, via: ConstantReference[]): Node | null {
  for (const reference of via) {
    const mutation = nameReferences(root, reference.name).find(isMutation);
    if (mutation) return mutation;
  }
  return null;
}

function everything(reason: string): SettingProblem {
  return { key: null, precedence: PRECEDENCE.everything, reason };
}

function confWide(reason: string): SettingProblem {
  return { key: null, precedence: PRECEDENCE.confEntry, reason };
}
