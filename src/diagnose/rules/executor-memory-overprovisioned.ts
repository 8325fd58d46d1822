import { plural } from '../../format.js';
import { formatBytes, formatMemoryMb } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { MIB } from '../memory-math.js';
import { cutWasCapped, proposeMemoryMb, type CutThresholds } from '../memory-sizing.js';
import { maxOf, percent, round, silent, undecided } from '../rule-helpers.js';
import type { Rule, RuleOutcome } from '../types.js';

export { proposeMemoryMb } from '../memory-sizing.js';

export interface OverprovisionedThresholds extends CutThresholds {
  /** Hold the cut back while GC takes more than this share of executor time [Spark UI: 0.10]. */
  max_gc_ratio: number;
  /** … judged only on runs with at least this much executor time (ms) [5 min]. */
  min_executor_time_ms: number;
}

const ID = 'executor-memory-overprovisioned';
const COLUMNS: (keyof ApplicationSummary)[] = ['executor_memory_mb', 'executor_peak_jvm_heap_bytes', 'gc_time_ratio', 'duration_ms'];

export const executorMemoryOverprovisioned: Rule<OverprovisionedThresholds> = {
  id: ID,
  doc: 'Executors never use most of their heap: lower spark.executor.memory to the observed peak plus headroom.',
  kind: 'cost',
  defaults: {
    max_peak_ratio: 0.7, // DataFlint: peak heap below 70% of the heap
    min_memory_mb: 2048, // Dr. Elephant: executors above 2g
    headroom_factor: 1.25, // Dr. Elephant: peak × 1.25 + 300m
    headroom_mb: 300,
    round_mb: 512,
    min_peak_factor: 1.2,
    max_cut_ratio: 0.5,
    max_gc_ratio: 0.1, // Spark UI flags GC above 10% of task time
    min_executor_time_ms: 5 * 60_000,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const latest = input.successful.at(-1);
    const currentMb = latest?.executor_memory_mb ?? null;
    if (!latest || currentMb === null || currentMb <= t.min_memory_mb) return silent();
    const measured = input.successful.filter((run) => run.executor_peak_jvm_heap_bytes !== null);
    if (measured.length < input.min_runs) return undecided(noPeakNote(measured.length, input.successful.length, input.min_runs));
    const peakBytes = Math.max(...measured.map((run) => run.executor_peak_jvm_heap_bytes ?? 0));
    const peakMb = peakBytes / MIB;
    const ratio = peakMb / currentMb;
    if (ratio >= t.max_peak_ratio) return silent();

    const proposedMb = proposeMemoryMb(peakMb, currentMb, t);
    if (proposedMb >= currentMb) return silent();
    const current = latest.spark_conf['spark.executor.memory'] ?? formatMemoryMb(currentMb);
    // GC of runs with today's heap (and enough executor time to judge)
    const gc = maxOf(
      measured.filter((run) => run.executor_memory_mb === currentMb && (run.executor_run_time_ms ?? 0) >= t.min_executor_time_ms),
      (run) => run.gc_time_ratio,
    );
    if (gc !== null && gc > t.max_gc_ratio) {
      return undecided(
        `Executors use at most ${percent(ratio)} of their ${current} heap, but GC took up to ${percent(gc)} of executor time ` +
          `(above ${percent(t.max_gc_ratio)}), so executor memory is not cut.`,
      );
    }
    const proposed = formatMemoryMb(proposedMb);
    const cap = cutWasCapped(proposedMb, currentMb, t)
      ? ` The cut is capped at a ${percent(t.max_cut_ratio)} cut per proposal; a later proposal may go further.`
      : '';
    const gcText = gc === null ? '' : ` GC took at most ${percent(gc)} of executor time, so the heap is not under pressure.`;
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'cost',
        title: `Executors use at most ${percent(ratio)} of their ${current} heap`,
        detail:
          `Across ${plural(measured.length, 'successful run')} the highest executor JVM heap peak was ${formatBytes(peakBytes)}, ` +
          `${percent(ratio)} of spark.executor.memory=${current} (the rule fires below ${percent(t.max_peak_ratio)}). ` +
          `${proposed} keeps the peak × ${t.headroom_factor} + ${t.headroom_mb} MiB of headroom.${gcText}${cap}`,
        evidence: evidenceOf(measured, COLUMNS, metricSource, {
          max_peak_heap_bytes: peakBytes,
          max_peak_ratio: round(ratio, 3),
          max_gc_time_ratio: gc === null ? null : round(gc, 3),
          current_memory_mb: currentMb,
          proposed_memory_mb: proposedMb,
        }),
        recommendations: [
          {
            rule_id: ID,
            key: 'spark.executor.memory',
            current,
            proposed,
            reason: `peak heap ${formatBytes(peakBytes)} over ${plural(measured.length, 'run')} is ${percent(ratio)} of ${current}`,
            runtime_effect: 'none expected: the heap keeps 25% headroom over the highest peak',
          },
        ],
        needs_human: false,
      },
    };
  },
};

function noPeakNote(measured: number, successful: number, minRuns: number): string {
  return (
    `Only ${measured} of ${successful} successful runs reported executor peak heap metrics (${minRuns} needed); ` +
    'set spark.eventLog.logStageExecutorMetrics=true (Spark 3.0 or later) so memory can be right-sized.'
  );
}
