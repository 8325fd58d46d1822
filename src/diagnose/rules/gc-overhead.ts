import { formatBytes, formatMemoryMb } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { maxMajorGcShare } from '../major-gc-share.js';
import { DEFAULT_HEAP_MB, DEFAULT_NODE_MEMORY_MB, executorOverheadMb, MIB } from '../memory-math.js';
import { raiseMemoryMb } from '../memory-sizing.js';
import { maxOf, percent, persistent, round, silent } from '../rule-helpers.js';
import type { Finding, Rule, RuleOutcome } from '../types.js';

export interface GcThresholds extends Record<string, number> {
  /** GC time / executor run time above this [Spark UI: 0.10]. */
  min_gc_ratio: number;
  /** Runs with less executor time than this (ms) are not judged [5 min]. */
  min_executor_time_ms: number;
  /** … in at least this share of the judged runs. */
  min_share_of_runs: number;
  /** More memory only helps when the heap peaks above this share of it; below, the GC is object churn. */
  min_peak_ratio: number;
  /**
   * … and when major (old-generation, full) collections take at least this share of the GC time. A larger heap
   * spaces out the full collections of a starved heap; young-generation collections copy the surviving objects
   * whatever the heap size. Measured on real Spark 4.3 (Java 17, G1): a task whose GC was all young-generation
   * (collect_list of 2.8 M strings over 4 keys, heap 80–93% full) spent 15–22% of its time in GC at 512m,
   * 16.5–19.5% at 1g and 14.9% at 2g. Runs without executor GC metrics (Spark before 3.0) skip this test.
   */
  min_major_gc_share: number;
  /** Heap × this. */
  memory_factor: number;
  round_mb: number;
}

const ID = 'gc-overhead';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'gc_time_ratio', 'jvm_gc_time_ms', 'executor_major_gc_time_ms', 'executor_run_time_ms', 'executor_memory_mb', 'executor_peak_jvm_heap_bytes',
];

export const gcOverhead: Rule<GcThresholds> = {
  id: ID,
  doc:
    'Executors spend over 10% of their time in garbage collection: more heap when it is full and full collections take the time; ' +
    'else a person looks at the churn or the live set.',
  kind: 'reliability',
  defaults: {
    min_gc_ratio: 0.1,
    min_executor_time_ms: 5 * 60_000,
    min_share_of_runs: 0.5,
    min_peak_ratio: 0.7,
    min_major_gc_share: 0.2,
    memory_factor: 1.25,
    round_mb: 512,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const judge = (run: ApplicationSummary): boolean | null =>
      run.gc_time_ratio === null || (run.executor_run_time_ms ?? 0) < t.min_executor_time_ms ? null : run.gc_time_ratio > t.min_gc_ratio;
    const found = persistent(input.successful, judge, t.min_share_of_runs, input.min_runs);
    const latest = input.successful.at(-1);
    if (!found || !latest) return silent();
    const gc = maxOf(found.hits, (run) => run.gc_time_ratio) ?? 0;
    const heapMb = latest.executor_memory_mb ?? DEFAULT_HEAP_MB;
    const peak = maxOf(found.hits, (run) => run.executor_peak_jvm_heap_bytes);
    // each run's peak against its own heap: a history may span configurations
    const peakRatio = maxOf(found.hits, (run) =>
      run.executor_peak_jvm_heap_bytes === null ? null : run.executor_peak_jvm_heap_bytes / MIB / (run.executor_memory_mb ?? DEFAULT_HEAP_MB),
    );
    const majorShare = maxMajorGcShare(found.hits);
    const finding: Finding = {
      rule_id: ID,
      kind: 'reliability',
      title: `Garbage collection takes up to ${percent(gc)} of executor time`,
      detail: `In ${found.hits.length} of ${found.judged.length} successful runs GC took more than ${percent(t.min_gc_ratio)} of executor run time.`,
      evidence: evidenceOf(found.hits, COLUMNS, metricSource, {
        max_gc_time_ratio: round(gc, 3),
        max_peak_heap_bytes: peak,
        max_peak_ratio: peakRatio === null ? null : round(peakRatio, 3),
        max_major_gc_share: majorShare === null ? null : round(majorShare, 3),
        runs_affected: found.hits.length,
      }),
      recommendations: [],
      needs_human: true,
    };
    if (peakRatio === null) {
      finding.detail += ' The runs reported no executor peak heap, so it is unknown whether the heap is full; set spark.eventLog.logStageExecutorMetrics=true (Spark 3.0 or later).';
      return { finding, notes: [] };
    }
    if (peakRatio < t.min_peak_ratio) {
      finding.detail +=
        ` The heap peaked at only ${percent(peakRatio)} of its size (${formatBytes(peak ?? 0)} at most), so more memory would not help: ` +
        'the GC comes from allocation churn (UDFs, many short-lived objects, large records); look at the code or the garbage collector settings.';
      return { finding, notes: [] };
    }
    const peaked = `The heap peaked at ${percent(peakRatio)} of its size (${formatBytes(peak ?? 0)} at most)`;
    if (majorShare !== null && majorShare < t.min_major_gc_share) {
      finding.detail +=
        ` ${peaked}, but major (full) collections took at most ${percent(majorShare)} of the GC time: it goes to young-generation ` +
        'collections copying a large or growing live set, and a larger heap was measured not to help that. Look at what the job ' +
        'keeps alive (e.g. collect_list or groupByKey gathering millions of values under a few keys), or partition the work more finely.';
      return { finding, notes: [] };
    }
    const raised = raiseMemoryMb(heapMb, t.memory_factor, t.round_mb, input.node_memory_mb ?? DEFAULT_NODE_MEMORY_MB, (h) => executorOverheadMb(latest, h));
    if (!raised) {
      finding.detail += ' The heap is full, but a larger one does not fit the node: use more, smaller partitions.';
      return { finding, notes: [] };
    }
    const proposed = formatMemoryMb(raised.mb);
    const major = majorShare === null ? '' : ` with major (full) collections up to ${percent(majorShare)} of the GC time`;
    finding.detail += ` ${peaked}${major}; ${proposed} gives the collector room.`;
    finding.needs_human = false;
    finding.recommendations.push({
      rule_id: ID,
      key: 'spark.executor.memory',
      current: latest.spark_conf['spark.executor.memory'] ?? null,
      proposed,
      reason: `GC takes up to ${percent(gc)} of executor time with the heap ${percent(peakRatio)} full`,
      runtime_effect: 'faster: less time in GC (not quantified)',
    });
    return { finding, notes: [] };
  },
};
