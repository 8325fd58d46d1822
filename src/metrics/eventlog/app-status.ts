import type { ApplicationStatus } from '../summary.js';

export interface StatusEvidence {
  /** Whether the log has a SparkListenerApplicationEnd. */
  ended: boolean;
  /** ApplicationEnd's `ExitCode` (Spark 4+), null when absent. */
  exitCode: number | null;
  /** Message of the last job to end if it failed and no later job succeeded. */
  lastJobFailure: string | null;
}

export interface StatusVerdict {
  status: ApplicationStatus;
  failure_reason: string | null;
}

/**
 * DESIGN §2 status rules: `incomplete` without ApplicationEnd; with an `ExitCode`, non-zero is
 * `failed` and 0 is `succeeded` (a failed job does not fail an application that exits 0);
 * without one, `failed` when the last job failed with no later success.
 */
export function applicationStatus({ ended, exitCode, lastJobFailure }: StatusEvidence): StatusVerdict {
  if (!ended) return { status: 'incomplete', failure_reason: null };
  if (exitCode !== null) {
    if (exitCode === 0) return { status: 'succeeded', failure_reason: null };
    const detail = lastJobFailure === null ? '' : `; last failed job: ${lastJobFailure}`;
    return { status: 'failed', failure_reason: `application exited with code ${exitCode}${detail}` };
  }
  if (lastJobFailure !== null) return { status: 'failed', failure_reason: lastJobFailure };
  return { status: 'succeeded', failure_reason: null };
}
