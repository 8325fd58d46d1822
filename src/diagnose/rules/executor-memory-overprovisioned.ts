import { formatBytes, formatMemoryMb } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import type { Rule, RuleOutcome } from '../types.js';

const MIB = 1024 * 1024;

export interface OverprovisionedThresholds extends Record<string, number> {
  /** Fire when the highest peak heap is below this share of `spark.executor.memory` [DataFlint]. */
  max_peak_ratio: number;
  /** Only for executors above this size, in MiB [Dr. Elephant: 2g]. */
  min_memory_mb: number;
  /** Proposed = peak × headroom_factor + headroom_mb, rounded up to round_mb [Dr. Elephant]. */
  headroom_factor: number;
  headroom_mb: number;
  round_mb: number;
  /** Never below peak × this. */
  min_peak_factor: number;
  /** Never cut more than this share in one proposal. */
  max_cut_ratio: number;
}

const ID = 'executor-memory-overprovisioned';
const COLUMNS: (keyof ApplicationSummary)[] = ['executor_memory_mb', 'executor_peak_jvm_heap_bytes', 'duration_ms'];

export const executorMemoryOverprovisioned: Rule<OverprovisionedThresholds> = {
  id: ID,
  doc: 'Executors never use most of their heap: lower spark.executor.memory to the observed peak plus headroom.',
  kind: 'cost',
  defaults: {
    max_peak_ratio: 0.7,
    min_memory_mb: 2048,
    headroom_factor: 1.25,
    headroom_mb: 300,
    round_mb: 512,
    min_peak_factor: 1.2,
    max_cut_ratio: 0.5,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const latest = input.successful.at(-1);
    const currentMb = latest?.executor_memory_mb ?? null;
    if (!latest || currentMb === null || currentMb <= t.min_memory_mb) return { finding: null, notes: [] };
    const measured = input.successful.filter((run) => run.executor_peak_jvm_heap_bytes !== null);
    if (measured.length < input.min_runs) {
      return { finding: null, notes: [noPeakNote(measured.length, input.successful.length, input.min_runs)] };
    }
    const peakBytes = Math.max(...measured.map((run) => run.executor_peak_jvm_heap_bytes ?? 0));
    const peakMb = peakBytes / MIB;
    const ratio = peakMb / currentMb;
    if (ratio >= t.max_peak_ratio) return { finding: null, notes: [] };

    const proposedMb = proposeMemoryMb(peakMb, currentMb, t);
    if (proposedMb >= currentMb) return { finding: null, notes: [] };
    const current = latest.spark_conf['spark.executor.memory'] ?? formatMemoryMb(currentMb);
    const proposed = formatMemoryMb(proposedMb);
    const percent = Math.round(ratio * 100);
    const capped = proposedMb === roundUpTo(currentMb * (1 - t.max_cut_ratio), t.round_mb);
    const cap = capped
      ? ` The cut is capped at a ${Math.round(t.max_cut_ratio * 100)}% cut per proposal; a later proposal may go further.`
      : '';
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'cost',
        title: `Executors use at most ${percent}% of their ${current} heap`,
        detail:
          `Across ${measured.length} successful runs the highest executor JVM heap peak was ${formatBytes(peakBytes)}, ` +
          `${percent}% of spark.executor.memory=${current} (the rule fires below ${Math.round(t.max_peak_ratio * 100)}%). ` +
          `${proposed} keeps the peak × ${t.headroom_factor} + ${t.headroom_mb} MiB of headroom.${cap}`,
        evidence: evidenceOf(measured, COLUMNS, metricSource, {
          max_peak_heap_bytes: peakBytes,
          max_peak_ratio: round(ratio, 3),
          current_memory_mb: currentMb,
          proposed_memory_mb: proposedMb,
        }),
        recommendations: [
          {
            rule_id: ID,
            key: 'spark.executor.memory',
            current,
            proposed,
            reason: `peak heap ${formatBytes(peakBytes)} over ${measured.length} runs is ${percent}% of ${current}`,
          },
        ],
        needs_human: false,
      },
    };
  },
};

/** Peak × factor + headroom, rounded up to whole `round_mb`, never under peak × min factor nor under the max cut. */
export function proposeMemoryMb(peakMb: number, currentMb: number, t: OverprovisionedThresholds): number {
  const roundUp = (mb: number): number => roundUpTo(mb, t.round_mb);
  const target = roundUp(peakMb * t.headroom_factor + t.headroom_mb);
  const floorForPeak = roundUp(peakMb * t.min_peak_factor);
  const floorForCut = roundUp(currentMb * (1 - t.max_cut_ratio));
  return Math.max(target, floorForPeak, floorForCut);
}

function roundUpTo(mb: number, step: number): number {
  return Math.ceil(mb / step) * step;
}

function noPeakNote(measured: number, successful: number, minRuns: number): string {
  return (
    `Only ${measured} of ${successful} successful runs reported executor peak heap metrics (${minRuns} needed); ` +
    'set spark.eventLog.logStageExecutorMetrics=true so memory can be right-sized.'
  );
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
