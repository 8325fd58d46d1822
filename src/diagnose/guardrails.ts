import { formatMemoryMb, parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { hadMemoryFailure } from './failure-causes.js';
import { DEFAULT_HEAP_MB, DEFAULT_NODE_MEMORY_MB, driverOverheadMb, executorOverheadMb, roundDownTo } from './memory-math.js';
import { isResourceCut, isResourceRaise } from './resource-cuts.js';
import { allocationOf, allocationProblems, sameSetting } from './spark-settings.js';
import type { HeldBack, Recommendation, RuleInput } from './types.js';

export { hadMemoryFailure } from './failure-causes.js';

const EXECUTOR_MEMORY_KEYS = new Set(['spark.executor.memory', 'spark.executor.memoryOverhead']);
/** Its changes never lower what Spark lets a job use after its start (it moves bounds inside maxExecutors). */
const BOUNDS_RULE = 'dynamic-allocation-bounds';

export interface GuardrailResult {
  kept: Recommendation[];
  notes: string[];
  /** The recommendations a guardrail dropped, each with its reason (also said in `notes`). */
  held_back: HeldBack[];
}

/**
 * Holds back or bounds recommendations as DESIGN §3's guardrails demand, saying why: no cut after a memory
 * failure in the window, executor memory left alone when off-heap or PySpark memory is explicit, heap +
 * overhead within the node, `min ≤ initial ≤ max` and `instances ≤ max`, and no change to a value the
 * job already has.
 */
export function applyGuardrails(recommendations: Recommendation[], input: RuleInput): GuardrailResult {
  const notes: string[] = [];
  const heldBack: HeldBack[] = [];
  const hold = (recs: Recommendation[], guardrail: HeldBack['guardrail'], reason: string): void => {
    notes.push(reason);
    heldBack.push(...recs.map((recommendation) => ({ recommendation, guardrail, reason })));
  };
  const latest = input.runs.at(-1) ?? input.successful.at(-1);
  let kept = recommendations;

  const failed = input.runs.filter(hadMemoryFailure);
  const cuts = kept.filter((rec) => rec.rule_id !== BOUNDS_RULE && isResourceCut(rec, latest));
  if (failed.length > 0 && cuts.length > 0) {
    kept = kept.filter((rec) => !cuts.includes(rec));
    hold(
      cuts,
      'memory-failure',
      `No resources are cut: ${failed.length} run(s) in the window failed for memory (${failed.map((r) => r.app_id).join(', ')}); ` +
        `held back: ${cuts.map((rec) => `${rec.key}=${rec.proposed}`).join(', ')}.`,
    );
  }

  const explicit = explicitNonHeapMemory(latest);
  if (explicit && kept.some((rec) => EXECUTOR_MEMORY_KEYS.has(rec.key))) {
    const memory = kept.filter((rec) => EXECUTOR_MEMORY_KEYS.has(rec.key));
    kept = kept.filter((rec) => !memory.includes(rec));
    hold(memory, 'explicit-non-heap-memory', `Executor memory is left alone because ${explicit} is set explicitly; size it by hand.`);
  }

  if (latest) {
    kept = fitNode(kept, latest, input.node_memory_mb ?? DEFAULT_NODE_MEMORY_MB, notes, hold);
    kept = keepAllocationBounds(kept, latest, notes, hold);
  }

  const unchanged = kept.filter((rec) => sameSetting(rec.key, rec.current, rec.proposed));
  if (unchanged.length > 0) {
    kept = kept.filter((rec) => !unchanged.includes(rec));
    notes.push(`Already configured as recommended: ${unchanged.map((rec) => `${rec.key}=${rec.current}`).join(', ')}.`);
  }
  return { kept, notes, held_back: heldBack };
}

type Hold = (recs: Recommendation[], guardrail: HeldBack['guardrail'], reason: string) => void;

/** Executor and driver heap + overhead must fit a node: a raise that does not is lowered to fit, or dropped. */
function fitNode(recs: Recommendation[], run: ApplicationSummary, nodeMb: number, notes: string[], hold: Hold): Recommendation[] {
  let kept = recs;
  for (const role of ['executor', 'driver'] as const) {
    const heapKey = `spark.${role}.memory`;
    const overheadKey = `spark.${role}.memoryOverhead`;
    const heapRec = kept.find((rec) => rec.key === heapKey);
    const overheadRec = kept.find((rec) => rec.key === overheadKey);
    const currentHeap = (role === 'executor' ? run.executor_memory_mb : run.driver_memory_mb) ?? DEFAULT_HEAP_MB;
    const heap = parseMemoryMb(heapRec?.proposed) ?? currentHeap;
    const overheadFor = (h: number): number =>
      parseMemoryMb(overheadRec?.proposed) ?? (role === 'executor' ? executorOverheadMb(run, h) : driverOverheadMb(run, h));
    if (heap + overheadFor(heap) <= nodeMb) continue;
    const raised = [heapRec, overheadRec].filter((rec): rec is Recommendation => rec !== undefined && isResourceRaise(rec, run));
    if (raised.length === 0) continue;
    const fitted = heapRec ? roundDownTo(nodeMb - overheadFor(heap), 512) : null;
    if (heapRec && fitted !== null && fitted > currentHeap && fitted + overheadFor(fitted) <= nodeMb) {
      kept = kept.map((rec) => (rec === heapRec ? { ...rec, proposed: formatMemoryMb(fitted) } : rec));
      notes.push(`${heapKey} is lowered to ${formatMemoryMb(fitted)} so heap + overhead fit a ${formatMemoryMb(nodeMb)} node.`);
      continue;
    }
    kept = kept.filter((rec) => !raised.includes(rec));
    hold(
      raised,
      'node-size',
      `${raised.map((rec) => `${rec.key}=${rec.proposed}`).join(' and ')} held back: heap + overhead would exceed a ${formatMemoryMb(nodeMb)} node.`,
    );
  }
  return kept;
}

/** After the recommendations, dynamic allocation must keep `min ≤ initial ≤ max` and `instances ≤ max`. */
function keepAllocationBounds(recs: Recommendation[], run: ApplicationSummary, notes: string[], hold: Hold): Recommendation[] {
  const overrides = (list: Recommendation[]): Record<string, string> => Object.fromEntries(list.map((rec) => [rec.key, rec.proposed]));
  const after = allocationOf(run, overrides(recs));
  if (allocationProblems(after).length === 0 || !recs.some(touchesMax)) return recs;
  const floor = Math.max(after.min, after.initial ?? 0, after.instances ?? 0);
  const current = allocationOf(run).max;
  return recs.flatMap((rec) => {
    if (!touchesMax(rec)) return [rec];
    if (floor >= current) {
      hold([rec], 'allocation-bounds', `${rec.key}=${rec.proposed} held back: it would fall below minExecutors, initialExecutors or executor.instances (${floor}).`);
      return [];
    }
    notes.push(`${rec.key} is raised from ${rec.proposed} to ${floor} to stay at or above minExecutors, initialExecutors and executor.instances.`);
    return [{ ...rec, proposed: String(floor) }];
  });
}

function touchesMax(rec: Recommendation): boolean {
  return rec.key === 'spark.dynamicAllocation.maxExecutors';
}

function explicitNonHeapMemory(run: ApplicationSummary | undefined): string | null {
  if (!run) return null;
  if (run.spark_conf['spark.memory.offHeap.enabled']?.trim().toLowerCase() === 'true') return 'spark.memory.offHeap.enabled';
  if (run.spark_conf['spark.executor.pyspark.memory'] !== undefined) return 'spark.executor.pyspark.memory';
  return null;
}
