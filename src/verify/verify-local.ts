import type { Prices } from '../diagnose/types.js';
import type { MetricsQuery } from '../metrics/source.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { readLocalRecords, type MergedRecord } from './local-records.js';
import type { TaskVerification, VerifyThresholds } from './types.js';
import { verifyRecord } from './verify-record.js';

export interface LocalVerification {
  verifications: TaskVerification[];
  /** Merged proposals that could not be verified (older markers, merged before the window), one line each. */
  notes: string[];
}

const DAY_MS = 86_400_000;

/** Reads the summaries a verification needs: every DAG of the merged records, from the earliest evidence on. */
export type SummaryLoader = (query: MetricsQuery) => Promise<ApplicationSummary[]>;

/**
 * Every spark-tuner proposal merged into the repository's current branch in the last `windowDays` days (optionally
 * one DAG's), verified on the summaries `load` returns for ONE query (no query at all when nothing is merged).
 */
export async function verifyLocalRepository(
  repoDir: string,
  load: SummaryLoader,
  options: { dagId?: string | undefined; thresholds: VerifyThresholds; prices: Prices; now: number; windowDays: number },
): Promise<LocalVerification> {
  const read = await readLocalRecords(repoDir);
  const ofDag = read.merged.filter((m) => options.dagId === undefined || m.record.dag_id === options.dagId);
  const since = options.now - options.windowDays * DAY_MS;
  const selected = ofDag.filter((m) => m.merged_at >= since);
  const older = ofDag.length - selected.length;
  const notes = older === 0 ? read.notes : [
    ...read.notes,
    `${older} proposal(s) merged before the ${options.windowDays}-day window (verify.window_days in .github/spark-tuner.yml).`,
  ];
  if (selected.length === 0) return { verifications: [], notes };
  const summaries = await load(recordsQuery(selected, options.now));
  const verifications = selected.flatMap((m) => verifyRecord(m.record, m.merged_at, summaries, options));
  return { verifications, notes };
}

/** The records' DAG ids, from the earliest evidence window until now. */
function recordsQuery(records: MergedRecord[], now: number): MetricsQuery {
  const dagIds = [...new Set(records.map((m) => m.record.dag_id))].sort();
  const since = Math.min(...records.map((m) => m.record.window.since));
  return { dag_id: null, task_id: null, dag_ids: dagIds, since, until: now };
}
