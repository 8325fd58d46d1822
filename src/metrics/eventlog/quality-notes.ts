import type { ApplicationSummary } from '../summary.js';
import { plural } from '../../format.js';

/** What the builder knows about the quality of one log, beyond the row itself. */
export interface QualityFacts {
  row: ApplicationSummary;
  ended: boolean;
  hasProperties: boolean;
  unparsable: ReadonlyMap<string, number>;
  redactionNote: string | null;
  sawMemoryMetrics: boolean;
  executorsWithoutPeaks: number;
  driverRanTasks: boolean;
  taskEndsWithoutStart: number;
  tasksNeverEnded: number;
  jobEndsWithoutStart: number;
  /** Successful task attempts with a duration, and whether their quantiles are exact. */
  successfulTasks: number;
  exactDurations: boolean;
  /** Stage attempts with enough successful tasks for a skew ratio. */
  skewStagesMeasured: number;
}

/** Plain-language `metrics_quality` notes, so nobody trusts a silent zero or null. */
export function qualityNotes(facts: QualityFacts): string[] {
  const { row } = facts;
  const notes: string[] = [];
  if (!facts.ended) {
    notes.push('incomplete log: no SparkListenerApplicationEnd (still running, or the log was cut), so end time, duration and status are unknown');
  }
  const badLines = [...facts.unparsable.values()].reduce((sum, count) => sum + count, 0);
  if (badLines > 0) {
    const detail = [...facts.unparsable.entries()].map(([name, count]) => `${name} ×${count}`).join(', ');
    notes.push(`${plural(badLines, 'unparsable line')} skipped (${detail})`);
  }
  if (!facts.hasProperties) notes.push('no readable Spark properties in the log, so the configuration columns are unknown');
  if (facts.redactionNote !== null) notes.push(facts.redactionNote);
  notes.push(...peakNotes(facts));
  if (facts.taskEndsWithoutStart > 0) notes.push(`${plural(facts.taskEndsWithoutStart, 'task end')} without a task start (dropped or edited events)`);
  if (facts.tasksNeverEnded > 0) notes.push(`${plural(facts.tasksNeverEnded, 'task')} started but never ended`);
  if (facts.jobEndsWithoutStart > 0) notes.push(`${plural(facts.jobEndsWithoutStart, 'job end')} without a job start (dropped or edited events)`);
  notes.push(...taskNotes(facts));
  if (!facts.ended && row.executor_core_ms_allocated !== null) {
    notes.push('executor lifetimes are counted up to the last event of the incomplete log');
  }
  return notes;
}

function taskNotes(facts: QualityFacts): string[] {
  const notes: string[] = [];
  if (!facts.exactDurations) {
    notes.push(`task duration quantiles are approximate (within 0.025%): ${plural(facts.successfulTasks, 'successful task')}, more than are kept for exact ones`);
  }
  if (facts.successfulTasks > 0 && facts.skewStagesMeasured === 0) {
    notes.push('task skew not measured: no stage had 10 or more successful tasks');
  }
  return notes;
}

function peakNotes(facts: QualityFacts): string[] {
  const { row } = facts;
  const notes: string[] = [];
  if (facts.driverRanTasks) {
    notes.push('local mode: tasks ran inside the driver, so executor peaks are null and the driver\'s peak is driver_peak_jvm_heap_bytes');
  }
  if (!facts.sawMemoryMetrics) {
    notes.push('no executor memory metrics in the log (Spark before 3.0 writes none), so peak memory is unknown');
    return notes;
  }
  const executors = row.executors_added ?? 0;
  if (row.executor_peak_jvm_heap_bytes === null && executors > 0) {
    notes.push('executor memory metrics are all zero (not measured), so executor peak memory is unknown');
  } else if (facts.executorsWithoutPeaks > 0 && row.executor_peak_jvm_heap_bytes !== null) {
    notes.push(`peak heap reported by ${executors - facts.executorsWithoutPeaks} of ${executors} executors; the others sent no memory metrics`);
  }
  if (row.driver_peak_jvm_heap_bytes === null) notes.push('driver memory metrics are missing or all zero, so the driver peak is unknown');
  return notes;
}
