import { plural } from '../../format.js';
import { formatBytes, formatMemoryMb, parseMemoryMb } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { evidenceOf } from '../evidence.js';
import { heapOomCount } from '../failure-causes.js';
import { DEFAULT_HEAP_MB, DEFAULT_NODE_MEMORY_MB, driverOverheadMb, MIB, roundUpTo } from '../memory-math.js';
import { cutWasCapped, proposeMemoryMb, raiseMemoryMb, type CutThresholds } from '../memory-sizing.js';
import { percent, round, silent, undecided } from '../rule-helpers.js';
import type { Finding, Rule, RuleInput, RuleOutcome } from '../types.js';

export interface DriverMemoryThresholds extends CutThresholds {
  /** Driver heap × this after the driver ran out of memory. */
  oom_factor: number;
  /** Never cut below spark.driver.maxResultSize (default 1g) + this many MiB: collected results live in the driver heap. */
  result_headroom_mb: number;
}

const ID = 'driver-memory';
const COLUMNS: (keyof ApplicationSummary)[] = ['driver_memory_mb', 'driver_peak_jvm_heap_bytes', 'status', 'failure_reason'];
const DRIVER_OOM = /OutOfMemoryError|Java heap space|GC overhead limit exceeded/i;

export const driverMemory: Rule<DriverMemoryThresholds> = {
  id: ID,
  doc: 'The driver ran out of heap, or never uses most of it: size spark.driver.memory to the observed peak.',
  kind: 'reliability',
  defaults: {
    max_peak_ratio: 0.7, // as for executors [DataFlint]
    min_memory_mb: 4096, // Dr. Elephant flags spark.driver.memory from 4g up
    headroom_factor: 1.25,
    headroom_mb: 300,
    round_mb: 512,
    min_peak_factor: 1.2,
    max_cut_ratio: 0.5,
    oom_factor: 1.5,
    result_headroom_mb: 1024,
  },
  evaluate(input, t, metricSource): RuleOutcome {
    const oomRuns = input.runs.filter(driverRanOutOfMemory);
    if (oomRuns.length > 0) return raiseDriver(input, t, metricSource, oomRuns);
    return cutDriver(input, t, metricSource);
  },
};

/** A failed run whose failure names an OutOfMemoryError that no executor task reported: the driver's. */
function driverRanOutOfMemory(run: ApplicationSummary): boolean {
  if (run.status !== 'failed' || !run.failure_reason || !DRIVER_OOM.test(run.failure_reason)) return false;
  const executorOoms = run.failure_causes.some((cause) => DRIVER_OOM.test(cause.cause)) || (run.oom_failures ?? 0) > 0;
  return !executorOoms && heapOomCount({ ...run, failure_reason: null }) === 0;
}

function raiseDriver(input: RuleInput, t: DriverMemoryThresholds, metricSource: string, runs: ApplicationSummary[]): RuleOutcome {
  const latest = input.runs.at(-1) ?? runs.at(-1);
  if (!latest) return silent();
  const currentMb = latest.driver_memory_mb ?? DEFAULT_HEAP_MB;
  const nodeMb = input.node_memory_mb ?? DEFAULT_NODE_MEMORY_MB;
  const raised = raiseMemoryMb(currentMb, t.oom_factor, t.round_mb, nodeMb, (heap) => driverOverheadMb(latest, heap));
  const finding: Finding = {
    rule_id: ID,
    kind: 'reliability',
    title: `The driver ran out of memory in ${runs.length} run(s)`,
    detail: `${runs.length} run(s) failed with an OutOfMemoryError that no executor task reported, so the driver's ${formatMemoryMb(currentMb)} heap ran out (large collects, broadcasts or many tasks' results).`,
    evidence: evidenceOf(runs, COLUMNS, metricSource, { runs_affected: runs.length, current_memory_mb: currentMb, proposed_memory_mb: raised?.mb ?? null }),
    recommendations: [],
    needs_human: raised === null,
  };
  if (!raised) {
    finding.detail += ` A larger driver does not fit a ${formatMemoryMb(nodeMb)} node: avoid collecting large results to the driver.`;
    return { finding, notes: [] };
  }
  const proposed = formatMemoryMb(raised.mb);
  finding.detail += ` spark.driver.memory=${proposed} gives it ${t.oom_factor}× the room.`;
  finding.recommendations.push({
    rule_id: ID,
    key: 'spark.driver.memory',
    current: latest.spark_conf['spark.driver.memory'] ?? null,
    proposed,
    reason: `the driver ran out of memory in ${runs.length} run(s)`,
    runtime_effect: 'no failed runs (not quantified)',
  });
  return { finding, notes: [] };
}

function cutDriver(input: RuleInput, t: DriverMemoryThresholds, metricSource: string): RuleOutcome {
  const latest = input.successful.at(-1);
  const currentMb = latest?.driver_memory_mb ?? null;
  if (!latest || currentMb === null || currentMb <= t.min_memory_mb || input.successful.length < input.min_runs) return silent();
  const measured = input.successful.filter((run) => run.driver_peak_jvm_heap_bytes !== null);
  if (measured.length < input.min_runs) {
    return undecided(`Only ${measured.length} of ${input.successful.length} successful runs reported the driver's peak heap (${input.min_runs} needed), so driver memory is not sized.`);
  }
  const peakBytes = Math.max(...measured.map((run) => run.driver_peak_jvm_heap_bytes ?? 0));
  const peakMb = peakBytes / MIB;
  const ratio = peakMb / currentMb;
  if (ratio >= t.max_peak_ratio) return silent();
  const maxResultMb = parseMemoryMb(latest.spark_conf['spark.driver.maxResultSize'] ?? '1g') ?? 1024;
  const floorMb = roundUpTo(maxResultMb + t.result_headroom_mb, t.round_mb);
  const proposedMb = Math.max(proposeMemoryMb(peakMb, currentMb, t), floorMb);
  if (proposedMb >= currentMb) return silent();
  const current = latest.spark_conf['spark.driver.memory'] ?? formatMemoryMb(currentMb);
  const proposed = formatMemoryMb(proposedMb);
  const cap = cutWasCapped(proposedMb, currentMb, t) ? ` The cut is capped at ${percent(t.max_cut_ratio)} per proposal.` : '';
  return {
    notes: [],
    finding: {
      rule_id: ID,
      kind: 'cost',
      title: `The driver uses at most ${percent(ratio)} of its ${current} heap`,
      detail:
        `Across ${plural(measured.length, 'successful run')} the driver's JVM heap peaked at ${formatBytes(peakBytes)}, ${percent(ratio)} of ` +
        `spark.driver.memory=${current}. ${proposed} keeps the peak × ${t.headroom_factor} + ${t.headroom_mb} MiB and stays above ` +
        `spark.driver.maxResultSize (${formatMemoryMb(maxResultMb)}) + ${formatMemoryMb(t.result_headroom_mb)}.${cap}`,
      evidence: evidenceOf(measured, COLUMNS, metricSource, {
        max_driver_peak_heap_bytes: peakBytes,
        max_peak_ratio: round(ratio, 3),
        current_memory_mb: currentMb,
        proposed_memory_mb: proposedMb,
      }),
      recommendations: [
        {
          rule_id: ID,
          key: 'spark.driver.memory',
          current,
          proposed,
          reason: `driver peak heap ${formatBytes(peakBytes)} over ${plural(measured.length, 'run')} is ${percent(ratio)} of ${current}`,
          runtime_effect: 'none expected',
        },
      ],
      needs_human: false,
    },
  };
}
