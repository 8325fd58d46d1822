import type { AppliedEdit } from '../dags/types.js';
import { sameSetting } from '../diagnose/spark-settings.js';
import type { TaskDiagnosis } from '../diagnose/types.js';

export interface StaleSetting {
  task_id: string;
  key: string;
  /** What the measured runs ran with. */
  measured: string;
  /** What the DAG file says today. */
  file: string;
}

/**
 * Recommendations whose runs used a value other than the one the DAG file holds: the file was changed after
 * those runs, or something overrides it. Their evidence does not describe what the file would run.
 */
export function staleSettings(diagnoses: TaskDiagnosis[], edits: AppliedEdit[]): StaleSetting[] {
  return edits.flatMap((edit) => {
    const rec = diagnoses.find((d) => d.task_id === edit.task_id)?.recommendations.find((r) => r.key === edit.key);
    if (!rec || rec.current === null || edit.old_value === null || sameSetting(edit.key, rec.current, edit.old_value)) return [];
    return [{ task_id: edit.task_id, key: edit.key, measured: rec.current, file: edit.old_value }];
  });
}

/** The diagnoses without the stale recommendations, each task saying why its change waits. */
export function withoutStale(diagnoses: TaskDiagnosis[], stale: StaleSetting[]): TaskDiagnosis[] {
  return diagnoses.map((d) => {
    const mine = stale.filter((s) => s.task_id === d.task_id);
    if (mine.length === 0) return d;
    return {
      ...d,
      recommendations: d.recommendations.filter((rec) => !mine.some((s) => s.key === rec.key)),
      notes: [...d.notes, ...mine.map(staleSentence)],
    };
  });
}

function staleSentence(s: StaleSetting): string {
  return (
    `${s.key} of ${s.task_id} is left alone: the measured runs used ${s.measured} but the DAG file says ${s.file}, so the runs predate ` +
    `the file's value (or something overrides it); waiting for runs with ${s.file}.`
  );
}
