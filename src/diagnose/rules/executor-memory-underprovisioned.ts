import { formatBytes, formatMemoryMb } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { heapOomCount } from '../failure-causes.js';
import { majorGcShare } from '../major-gc-share.js';
import { DEFAULT_HEAP_MB, DEFAULT_NODE_MEMORY_MB, executorOverheadMb, MIB } from '../memory-math.js';
import { raiseMemoryMb } from '../memory-sizing.js';
import { persistent, percent, round, silent } from '../rule-helpers.js';
import type { Finding, Rule, RuleInput, RuleOutcome } from '../types.js';

export interface UnderprovisionedThresholds extends Record<string, number> {
  /** Heap peaks at or above this share of the heap count as full [Cloudera, DataFlint: 0.90–0.95]. */
  min_peak_ratio: number;
  /** … only with GC above this share of executor time (a full heap with little GC is just uncollected garbage). */
  min_gc_ratio: number;
  /**
   * … and with major (old-generation, full) collections at least this share of the GC time, when the executors'
   * GC counters tell (Spark 3.0+). Young-generation collections copy the live objects whatever the heap size, so a
   * larger heap does not lower that GC (measured on real Spark, see the gc-overhead rule, which names the cause).
   */
  min_major_gc_share: number;
  /** … in at least this share of the successful runs. */
  min_share_of_runs: number;
  /** Heap × this after an OutOfMemoryError [Cloudera: 1.25–1.5]. */
  oom_factor: number;
  /** Heap × this when the heap is full without failing. */
  full_heap_factor: number;
  round_mb: number;
}

const ID = 'executor-memory-underprovisioned';
const COLUMNS: (keyof ApplicationSummary)[] = [
  'executor_memory_mb', 'executor_peak_jvm_heap_bytes', 'gc_time_ratio', 'executor_major_gc_time_ms', 'oom_failures', 'failure_reason',
];

export const executorMemoryUnderprovisioned: Rule<UnderprovisionedThresholds> = {
  id: ID,
  doc: 'Executors run out of heap (OutOfMemoryError) or fill it under GC pressure: raise spark.executor.memory.',
  kind: 'reliability',
  defaults: {
    min_peak_ratio: 0.95,
    min_gc_ratio: 0.05,
    min_major_gc_share: 0.2,
    min_share_of_runs: 0.5,
    oom_factor: 1.5,
    full_heap_factor: 1.25,
    round_mb: 512,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const oomRuns = input.runs.filter((run) => heapOomCount(run) > 0);
    if (oomRuns.length > 0) return raise(input, t, metricSource, oomRuns, 'oom');
    const full = persistent(input.successful, (run) => fullHeap(run, t), t.min_share_of_runs, input.min_runs);
    return full ? raise(input, t, metricSource, full.hits, 'full') : silent();
  },
};

function fullHeap(run: ApplicationSummary, t: UnderprovisionedThresholds): boolean | null {
  if (run.executor_peak_jvm_heap_bytes === null || run.executor_memory_mb === null || run.gc_time_ratio === null) return null;
  const majorShare = majorGcShare(run);
  return (
    run.executor_peak_jvm_heap_bytes / MIB >= t.min_peak_ratio * run.executor_memory_mb &&
    run.gc_time_ratio >= t.min_gc_ratio &&
    (majorShare === null || majorShare >= t.min_major_gc_share)
  );
}

function raise(input: RuleInput, t: UnderprovisionedThresholds, metricSource: string, runs: ApplicationSummary[], why: 'oom' | 'full'): RuleOutcome {
  const latest = input.runs.at(-1) ?? runs.at(-1);
  if (!latest) return silent();
  const currentMb = latest.executor_memory_mb ?? DEFAULT_HEAP_MB;
  const current = latest.spark_conf['spark.executor.memory'] ?? null;
  const nodeMb = input.node_memory_mb ?? DEFAULT_NODE_MEMORY_MB;
  const factor = why === 'oom' ? t.oom_factor : t.full_heap_factor;
  const raised = raiseMemoryMb(currentMb, factor, t.round_mb, nodeMb, (heap) => executorOverheadMb(latest, heap));
  const peak = Math.max(0, ...runs.map((run) => run.executor_peak_jvm_heap_bytes ?? 0));
  const oomTasks = runs.reduce((n, run) => n + heapOomCount(run), 0);
  const title =
    why === 'oom'
      ? `${runs.length} run(s) ran out of executor heap (OutOfMemoryError)`
      : `Executors fill their ${formatMemoryMb(currentMb)} heap under GC pressure in ${runs.length} of ${input.successful.length} runs`;
  const facts =
    why === 'oom'
      ? `${oomTasks} task or executor failure(s) in ${runs.length} run(s) of the window were heap OutOfMemoryErrors.`
      : `The executor heap peaked at ${formatBytes(peak)} (at least ${percent(t.min_peak_ratio)} of ${formatMemoryMb(currentMb)}) with GC above ${percent(t.min_gc_ratio)} of executor time.`;
  const finding: Finding = {
    rule_id: ID,
    kind: 'reliability',
    title,
    detail: '',
    evidence: evidenceOf(runs, COLUMNS, metricSource, {
      runs_affected: runs.length,
      heap_oom_failures: why === 'oom' ? oomTasks : null,
      max_peak_heap_bytes: peak > 0 ? peak : null,
      max_peak_ratio: peak > 0 ? round(peak / MIB / currentMb, 3) : null,
      current_memory_mb: currentMb,
      proposed_memory_mb: raised?.mb ?? null,
      node_memory_mb: nodeMb,
    }),
    recommendations: [],
    needs_human: raised === null,
  };
  if (!raised) {
    finding.detail = `${facts} A larger heap does not fit a ${formatMemoryMb(nodeMb)} node with its overhead: use more, smaller partitions or a larger node.`;
    return { finding, notes: [] };
  }
  const proposed = formatMemoryMb(raised.mb);
  const capNote = raised.capped ? ` Heap × ${factor} would not fit a ${formatMemoryMb(nodeMb)} node with its overhead; ${proposed} is the most that fits.` : '';
  finding.detail = `${facts} Raising spark.executor.memory to ${proposed} (× ${factor}, rounded up to ${t.round_mb} MiB) gives the heap room.${capNote}`;
  finding.recommendations.push({
    rule_id: ID,
    key: 'spark.executor.memory',
    current,
    proposed,
    reason: why === 'oom' ? `${oomTasks} heap OutOfMemoryError(s) in ${runs.length} run(s)` : `heap peaks at ${formatBytes(peak)} with GC pressure`,
    runtime_effect: why === 'oom' ? 'fewer failed tasks and retries: faster and no failed runs (not quantified)' : 'less GC: faster (not quantified)',
  });
  return { finding, notes: [] };
}
