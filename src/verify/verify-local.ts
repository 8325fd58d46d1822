import type { Prices } from '../diagnose/types.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { readLocalRecords } from './local-records.js';
import type { TaskVerification, VerifyThresholds } from './types.js';
import { verifyRecord } from './verify-record.js';

export interface LocalVerification {
  verifications: TaskVerification[];
  /** Merged proposals that could not be verified (older markers), one line each. */
  notes: string[];
}

/** Every spark-tuner proposal merged into the repository's current branch (optionally one DAG's), verified on the summaries. */
export async function verifyLocalRepository(
  repoDir: string,
  summaries: ApplicationSummary[],
  options: { dagId?: string | undefined; thresholds: VerifyThresholds; prices: Prices },
): Promise<LocalVerification> {
  const { merged, notes } = await readLocalRecords(repoDir);
  const selected = merged.filter((m) => options.dagId === undefined || m.record.dag_id === options.dagId);
  const verifications = selected.flatMap((m) => verifyRecord(m.record, m.merged_at, summaries, options));
  return { verifications, notes };
}
