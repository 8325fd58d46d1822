import type { TaskVerification } from './types.js';

const DAYS_PER_MONTH = 30;

/** What a verified change saves per month, from the measured runs before and after it. */
export interface RealizedSaving {
  dag_id: string;
  task_id: string;
  fingerprint: string;
  runs_per_day: number;
  gb_hours_per_month: number;
  core_hours_per_month: number;
  usd_per_month: number;
}

export interface SavingsTotal {
  savings: RealizedSaving[];
  gb_hours_per_month: number;
  core_hours_per_month: number;
  usd_per_month: number;
  /** One line per verified task whose saving could not be measured (no allocation metrics or run rate). */
  notes: string[];
}

/** Realized savings of the verified tasks: (before − after) per run × runs per day observed since the merge × 30. */
export function realizedSavings(verifications: TaskVerification[]): SavingsTotal {
  const savings: RealizedSaving[] = [];
  const notes: string[] = [];
  for (const v of verifications.filter((each) => each.status === 'verified')) {
    const { before, after, runs_per_day: perDay } = v;
    if (perDay === null || before.gb_hours === null || after.gb_hours === null || before.core_hours === null || after.core_hours === null) {
      notes.push(`${v.dag_id}.${v.task_id}: verified, but its saving is not measured (allocation metrics or the run rate are missing).`);
      continue;
    }
    const month = perDay * DAYS_PER_MONTH;
    savings.push({
      dag_id: v.dag_id,
      task_id: v.task_id,
      fingerprint: v.fingerprint,
      runs_per_day: perDay,
      gb_hours_per_month: (before.gb_hours - after.gb_hours) * month,
      core_hours_per_month: (before.core_hours - after.core_hours) * month,
      usd_per_month: ((before.cost_usd ?? 0) - (after.cost_usd ?? 0)) * month,
    });
  }
  const sum = (pick: (s: RealizedSaving) => number): number => savings.reduce((total, s) => total + pick(s), 0);
  return {
    savings,
    gb_hours_per_month: sum((s) => s.gb_hours_per_month),
    core_hours_per_month: sum((s) => s.core_hours_per_month),
    usd_per_month: sum((s) => s.usd_per_month),
    notes,
  };
}
