import type { TaskDiagnosis } from '../diagnose/types.js';
import type { Proposal } from '../publish/types.js';

/** A proposal with the diagnoses it came from. */
export interface RankedInput {
  proposal: Proposal;
  diagnoses: TaskDiagnosis[];
}

/** How urgent a proposal is, from its diagnoses. */
export interface Priority {
  /** A recommendation of a reliability finding (failures, memory errors) is part of the proposal. */
  reliability: boolean;
  /** Share of the runs in the window that did not succeed (0–1), over the tasks with recommendations. */
  failed_share: number;
  failed_runs: number;
  /** Estimated saving over the lookback window, in USD: per-run saving × runs in the window, summed over tasks. */
  saving_usd: number;
}

/** The priority of a proposal: only the tasks it changes count. */
export function priorityOf(diagnoses: TaskDiagnosis[]): Priority {
  const changed = diagnoses.filter((d) => d.recommendations.length > 0);
  const runs = changed.reduce((sum, d) => sum + d.runs_in_window, 0);
  const failedRuns = changed.reduce((sum, d) => sum + (d.runs_in_window - d.successful_runs_in_window), 0);
  const reliability = changed.some((d) =>
    d.findings.some((f) => f.kind === 'reliability' && f.recommendations.some((r) => d.recommendations.includes(r))),
  );
  const saving = changed.reduce((sum, d) => {
    if (!d.impact) return sum;
    return sum + Math.max(0, d.impact.cost_before_usd - d.impact.cost_after_usd) * d.runs_in_window;
  }, 0);
  return { reliability, failed_share: runs === 0 ? 0 : failedRuns / runs, failed_runs: failedRuns, saving_usd: saving };
}

/**
 * Most urgent first: reliability proposals (a job that fails costs a rerun and a person's morning) before cost
 * ones; among reliability, the higher share of failed runs, then more failed runs; then the higher estimated
 * saving; the DAG id breaks ties so that the order never depends on the metrics' row order.
 */
export function compareProposals(a: Priority & { dag_id: string }, b: Priority & { dag_id: string }): number {
  if (a.reliability !== b.reliability) return a.reliability ? -1 : 1;
  if (a.reliability) {
    if (a.failed_share !== b.failed_share) return b.failed_share - a.failed_share;
    if (a.failed_runs !== b.failed_runs) return b.failed_runs - a.failed_runs;
  }
  if (a.saving_usd !== b.saving_usd) return b.saving_usd - a.saving_usd;
  return a.dag_id < b.dag_id ? -1 : a.dag_id > b.dag_id ? 1 : 0;
}

/** The proposals in the order the sweep publishes them. */
export function rankProposals<T extends RankedInput>(inputs: T[]): T[] {
  const keyed = inputs.map((input) => ({ input, key: { ...priorityOf(input.diagnoses), dag_id: input.proposal.dag_id } }));
  return keyed.sort((a, b) => compareProposals(a.key, b.key)).map(({ input }) => input);
}
