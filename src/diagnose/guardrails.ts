import { parseMemoryMb } from '../metrics/memory-size.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import type { Recommendation, RuleInput } from './types.js';

/** Settings whose lowering takes resources away from a job. */
const RESOURCE_KEYS = new Set([
  'spark.executor.memory',
  'spark.executor.memoryOverhead',
  'spark.executor.cores',
  'spark.executor.instances',
  'spark.dynamicAllocation.maxExecutors',
  'spark.driver.memory',
]);

const EXECUTOR_MEMORY_KEYS = new Set(['spark.executor.memory', 'spark.executor.memoryOverhead']);

const MEMORY_FAILURE = /OutOfMemoryError|exit(?:ed)?(?: with)?(?: code| status)? *(?:137|143|52)\b|exceeding .* memory limits|killed by YARN for exceeding/i;

export interface GuardrailResult {
  kept: Recommendation[];
  notes: string[];
}

/** Holds back recommendations that DESIGN §3's guardrails forbid, saying why. */
export function applyGuardrails(recommendations: Recommendation[], input: RuleInput): GuardrailResult {
  const notes: string[] = [];
  let kept = recommendations;

  const failed = input.runs.filter(hadMemoryFailure);
  if (failed.length > 0 && kept.some(isResourceCut)) {
    kept = kept.filter((rec) => !isResourceCut(rec));
    notes.push(
      `No resources are cut: ${failed.length} run(s) in the window failed for memory (${failed.map((r) => r.app_id).join(', ')}).`,
    );
  }

  const explicit = explicitNonHeapMemory(input.successful.at(-1));
  if (explicit && kept.some((rec) => EXECUTOR_MEMORY_KEYS.has(rec.key))) {
    kept = kept.filter((rec) => !EXECUTOR_MEMORY_KEYS.has(rec.key));
    notes.push(`Executor memory is left alone because ${explicit} is set explicitly; size it by hand.`);
  }
  return { kept, notes };
}

/** True for a run that lost tasks or executors to memory: OOM, container killed for its memory limit. */
export function hadMemoryFailure(run: ApplicationSummary): boolean {
  if ((run.oom_failures ?? 0) > 0) return true;
  if (run.failure_reason && MEMORY_FAILURE.test(run.failure_reason)) return true;
  return run.failure_causes.some((cause) => MEMORY_FAILURE.test(cause.cause));
}

function isResourceCut(rec: Recommendation): boolean {
  if (!RESOURCE_KEYS.has(rec.key) || rec.current === null) return false;
  const size = (text: string): number | null => (rec.key.endsWith('memory') || rec.key.endsWith('memoryOverhead') ? parseMemoryMb(text) : Number(text));
  const before = size(rec.current);
  const after = size(rec.proposed);
  return before !== null && after !== null && !Number.isNaN(before) && !Number.isNaN(after) && after < before;
}

function explicitNonHeapMemory(run: ApplicationSummary | undefined): string | null {
  if (!run) return null;
  if (run.spark_conf['spark.memory.offHeap.enabled']?.trim().toLowerCase() === 'true') return 'spark.memory.offHeap.enabled';
  if (run.spark_conf['spark.executor.pyspark.memory'] !== undefined) return 'spark.executor.pyspark.memory';
  return null;
}
