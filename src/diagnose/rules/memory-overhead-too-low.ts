import { formatMemoryMb } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { containerKillCount } from '../failure-causes.js';
import { DEFAULT_HEAP_MB, DEFAULT_NODE_MEMORY_MB, executorOverheadMb, roundUpTo } from '../memory-math.js';
import { silent } from '../rule-helpers.js';
import type { Rule, RuleOutcome } from '../types.js';

export interface OverheadThresholds extends Record<string, number> {
  /** Containers killed for memory in at least this many runs of the window. */
  min_runs_with_kills: number;
  /** Overhead + this many MiB [Dr. Elephant: + 1g]. */
  add_mb: number;
  round_mb: number;
}

const ID = 'memory-overhead-too-low';
const COLUMNS: (keyof ApplicationSummary)[] = ['executor_memory_mb', 'executor_memory_overhead_mb', 'executor_lost_failures', 'oom_failures', 'failure_reason'];

export const memoryOverheadTooLow: Rule<OverheadThresholds> = {
  id: ID,
  doc: 'Containers are killed for exceeding their memory limit (exit 137/143): raise spark.executor.memoryOverhead.',
  kind: 'reliability',
  defaults: { min_runs_with_kills: 1, add_mb: 1024, round_mb: 512 },
  evaluate(input, t, metricSource): RuleOutcome {
    const killed = input.runs.filter((run) => containerKillCount(run) > 0);
    const latest = input.runs.at(-1);
    if (killed.length < t.min_runs_with_kills || !latest) return silent();
    const heapMb = latest.executor_memory_mb ?? DEFAULT_HEAP_MB;
    const currentMb = executorOverheadMb(latest, heapMb);
    const current = latest.spark_conf['spark.executor.memoryOverhead'] ?? latest.spark_conf['spark.yarn.executor.memoryOverhead'] ?? null;
    const proposedMb = roundUpTo(currentMb + t.add_mb, t.round_mb);
    const nodeMb = input.node_memory_mb ?? DEFAULT_NODE_MEMORY_MB;
    const kills = killed.reduce((n, run) => n + containerKillCount(run), 0);
    const facts =
      `${kills} executor container(s) in ${killed.length} run(s) of the window were killed for exceeding their memory limit ` +
      `(heap ${formatMemoryMb(heapMb)} + overhead ${formatMemoryMb(currentMb)}${current === null ? ', Spark\'s default' : ''}). ` +
      'Memory outside the heap (netty buffers, Python workers, native libraries) grew past the overhead.';
    const evidence = evidenceOf(killed, COLUMNS, metricSource, {
      container_kills: kills,
      runs_affected: killed.length,
      current_overhead_mb: currentMb,
      proposed_overhead_mb: proposedMb,
      node_memory_mb: nodeMb,
    });
    const title = `${kills} executor container(s) killed for exceeding memory limits in ${killed.length} run(s)`;
    if (heapMb + proposedMb > nodeMb) {
      const detail = `${facts} Heap + ${formatMemoryMb(proposedMb)} overhead would not fit a ${formatMemoryMb(nodeMb)} node: lower the heap or use a larger node.`;
      return { notes: [], finding: { rule_id: ID, kind: 'reliability', title, detail, evidence, recommendations: [], needs_human: true } };
    }
    const proposed = formatMemoryMb(proposedMb);
    return {
      notes: [],
      finding: {
        rule_id: ID,
        kind: 'reliability',
        title,
        detail: `${facts} spark.executor.memoryOverhead=${proposed} adds ${formatMemoryMb(t.add_mb)} to it.`,
        evidence,
        recommendations: [
          {
            rule_id: ID,
            key: 'spark.executor.memoryOverhead',
            current,
            proposed,
            reason: `${kills} container(s) killed for exceeding memory limits in ${killed.length} run(s)`,
            runtime_effect: 'no lost executors and recomputed tasks: faster and no failed runs (not quantified)',
          },
        ],
        needs_human: false,
      },
    };
  },
};
