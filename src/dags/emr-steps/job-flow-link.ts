import { tasksOfDag, type DagDocument, type TaskView } from '../document.js';
import { lastNamePart } from '../python/nodes.js';

/**
 * The `EmrCreateJobFlowOperator` task of the same DAG whose cluster a task's `job_flow_id` names:
 * `create.output`, `XComArg(create)`, or a template pulling `task_ids='create'`; null when it cannot be told.
 */
export function linkedJobFlow(task: TaskView, document: DagDocument): TaskView | null {
  const reference = task.arguments.get('job_flow_id');
  if (!reference) return null;
  const text = reference.kind === 'string' ? reference.text : document.source.slice(reference.range.start, reference.range.end);
  const pulled = /task_ids\s*=\s*\[?\s*['"]([^'"]+)['"]/.exec(text) ?? /xcom_pull\(\s*['"]([^'"]+)['"]/.exec(text);
  const taskId = pulled?.[1] ?? null;
  const variable = /^\s*(\w+)\.output\b/.exec(text)?.[1] ?? /XComArg\(\s*(\w+)/.exec(text)?.[1] ?? null;
  const clusters = tasksOfDag(document, task.dag_id).filter((candidate) => {
    if (lastNamePart(candidate.operator) !== 'EmrCreateJobFlowOperator') return false;
    return (taskId !== null && candidate.task_id === taskId) || (variable !== null && candidate.variable === variable);
  });
  return clusters.length === 1 ? (clusters[0] ?? null) : null;
}
