import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { lineAt, type TaskView } from '../document.js';
import type { Value } from '../values/value.js';
import { yamlValue, type YamlContext } from './yaml-value.js';

interface GroupInfo {
  parent: string | null;
  prefixes: boolean;
}

/**
 * The tasks of one dag-factory DAG config: `tasks` as a mapping (task id → arguments) or, in newer
 * dag-factory, a list of mappings with `task_id`. A `task_group_name` prefixes the id as Airflow does.
 */
export function dagFactoryTasks(dagId: string, config: YAMLMap, context: YamlContext): TaskView[] {
  const groups = readGroups(config.get('task_groups', true));
  const tasks = config.get('tasks', true);
  const views: TaskView[] = [];
  if (isMap(tasks)) {
    for (const pair of tasks.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const start = pair.key.range?.[0] ?? 0;
      views.push(taskView(dagId, String(pair.key.value), pair.value, start, groups, context));
    }
  } else if (isSeq(tasks)) {
    for (const item of tasks.items) {
      if (!isMap(item)) continue;
      const id = item.get('task_id');
      views.push(taskView(dagId, typeof id === 'string' ? id : null, item, item.range?.[0] ?? 0, groups, context));
    }
  }
  return views;
}

function taskView(
  dagId: string, label: string | null, map: YAMLMap, start: number, groups: Map<string, GroupInfo>, context: YamlContext,
): TaskView {
  const problems: string[] = [];
  const line = lineAt(context.source, start);
  const group = map.get('task_group_name');
  const taskId = label === null ? null : qualify(label, typeof group === 'string' ? group : null, groups);
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key : null;
    if (key?.source === '<<' || key?.value === '<<') {
      const at = lineAt(context.source, key.range?.[0] ?? start);
      problems.push(`task ${taskId ?? label} takes arguments from a YAML merge key << (line ${at}), `
        + 'so its Spark settings cannot be read safely');
    }
  }
  let values: Map<string, Value> | null = null;
  const operator = map.get('operator');
  return {
    task_id: taskId,
    operator: typeof operator === 'string' ? operator : '(no operator)',
    line,
    range: { start, end: map.range?.[2] ?? start },
    dag_id: dagId,
    dynamic: map.has('expand') || map.has('partial') ? 'is created by dynamic task mapping (expand)' : null,
    variable: null,
    get arguments(): ReadonlyMap<string, Value> {
      values ??= readArguments(map, context);
      return values;
    },
    problems,
    origin: map,
  };
}

function readArguments(map: YAMLMap, context: YamlContext): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key : null;
    if (key && key.source !== '<<' && key.value !== '<<') values.set(String(key.value), yamlValue(pair.value, context));
  }
  return values;
}

function readGroups(node: unknown): Map<string, GroupInfo> {
  const groups = new Map<string, GroupInfo>();
  if (!isMap(node)) return groups;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const parent = pair.value.get('parent_group_name');
    groups.set(String(pair.key.value), {
      parent: typeof parent === 'string' ? parent : null,
      prefixes: pair.value.get('prefix_group_id') !== false,
    });
  }
  return groups;
}

/** `group.task`, with each enclosing group's id before it, as `TaskGroup.child_id` builds it. */
function qualify(label: string, group: string | null, groups: Map<string, GroupInfo>): string {
  const groupId = group === null ? null : qualifiedGroup(group, groups, new Set());
  const info = group === null ? undefined : groups.get(group);
  return groupId !== null && (info?.prefixes ?? true) ? `${groupId}.${label}` : label;
}

function qualifiedGroup(name: string, groups: Map<string, GroupInfo>, seen: Set<string>): string {
  const parent = groups.get(name)?.parent ?? null;
  if (parent === null || seen.has(name)) return name;
  seen.add(name);
  const parentInfo = groups.get(parent);
  return (parentInfo?.prefixes ?? true) ? `${qualifiedGroup(parent, groups, seen)}.${name}` : name;
}
