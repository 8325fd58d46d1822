import type { RepoConfig } from '../config/repo-config-types.js';
import type { TaskDiagnosis } from '../diagnose/types.js';

export type IgnoreRule = RepoConfig['ignore'][number];

/**
 * Drops the recommendations the repository asked to ignore (`ignore:` in `.github/spark-tuner.yml`: a DAG, or one
 * of its tasks, all keys or some), saying so in the task's notes. Findings stay: they are still worth reading.
 */
export function applyIgnores(diagnoses: TaskDiagnosis[], ignore: IgnoreRule[]): TaskDiagnosis[] {
  if (ignore.length === 0) return diagnoses;
  return diagnoses.map((d) => {
    const rules = ignore.filter((rule) => rule.dag === d.dag_id && (rule.task === undefined || rule.task === d.task_id));
    if (rules.length === 0) return d;
    const ignored = (key: string): boolean => rules.some((rule) => rule.keys === undefined || rule.keys.includes(key));
    const dropped = d.recommendations.filter((rec) => ignored(rec.key));
    if (dropped.length === 0) return d;
    const kept = d.recommendations.filter((rec) => !ignored(rec.key));
    const note = `Ignored as .github/spark-tuner.yml asks: ${dropped.map((rec) => `${rec.key} ${rec.current ?? 'unset'} → ${rec.proposed}`).join(', ')}.`;
    return { ...d, recommendations: kept, impact: kept.length > 0 ? d.impact : null, notes: [...d.notes, note] };
  });
}
