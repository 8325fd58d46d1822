import type { Finding, Impact, RunEvidence, TaskDiagnosis } from '../../diagnose/types.js';
import { formatDuration, formatNumber, formatPercent, formatUsd, isoDate } from '../../format.js';
import { DEFAULT_REDACTION, redactionOf, type Redaction } from '../../metrics/eventlog/redact-conf.js';
import { redactText } from '../../metrics/eventlog/redact-text.js';
import { formatBytes } from '../../metrics/memory-size.js';
import type { ApplicationSummary } from '../../metrics/summary.js';
import { sourceName } from '../deterministic/overview.js';
import { describeEvidenceValues } from '../evidence-values.js';
import type { NarrativeInput } from '../types.js';
import { tuningSettings } from './tuning-settings.js';

/**
 * The data of the analysis prompt: one DAG's diagnoses as plain JSON, with secrets redacted (Spark's default pattern
 * and each run's `spark.redaction.regex`, on settings and on every free text) and only the Spark settings being
 * analyzed. Readable forms (`5.4 GiB`, `20 min`, `34%`) sit beside raw numbers so the model can quote, not compute.
 */
export function analysisPromptData(input: NarrativeInput): Record<string, unknown> {
  return {
    dag_id: input.dag_id,
    dag_file: input.file_path,
    metrics_source: sourceName(input.metric_source),
    tasks: input.diagnoses.map(taskData),
    file_edits: input.edits.map((edit) => ({ task_id: edit.task_id, key: edit.key, current: edit.old_value, proposed: edit.new_value })),
    edit_notes: input.edit_notes.map((note) => redactText(note, defaultRedaction)),
  };
}

/** Runs listed per task: enough to show the trend, few enough to keep the prompt small. */
const MAX_HISTORY = 20;

const defaultRedaction: Redaction = { patterns: [DEFAULT_REDACTION], everything: false };

function taskData(d: TaskDiagnosis): Record<string, unknown> {
  const redaction = d.latest ? redactionOf(d.latest.spark_conf) : defaultRedaction;
  const text = (value: string): string => redactText(value, redaction);
  const recKeys = d.findings.flatMap((f) => f.recommendations.map((r) => r.key));
  const runs = history(d);
  return {
    task_id: d.task_id,
    window: { since: isoDate(d.window.since), until: isoDate(d.window.until), days: Math.round((d.window.until - d.window.since) / 86_400_000) },
    runs_in_window: d.runs_in_window,
    successful_runs_in_window: d.successful_runs_in_window,
    failed_runs_in_window: d.runs_in_window - d.successful_runs_in_window,
    latest_run: d.latest ? latestRun(d.latest, redaction, recKeys) : null,
    history_note: runs.length > MAX_HISTORY ? `the ${MAX_HISTORY} most recent of ${runs.length} runs cited by the findings` : null,
    history: runs.slice(-MAX_HISTORY).map((run) => ({
      started: isoDate(run.start_time),
      status: run.status,
      duration: typeof run.values.duration_ms === 'number' ? formatDuration(run.values.duration_ms) : null,
      measured: text(describeEvidenceValues(run.values)),
    })),
    findings: d.findings.map((f) => findingData(f, d, text)),
    recommendations: d.recommendations.map((rec) => ({
      rule_id: rec.rule_id,
      key: rec.key,
      current: rec.current,
      proposed: rec.proposed,
      reason: text(rec.reason),
      runtime_effect: rec.runtime_effect ?? null,
    })),
    impact: d.impact ? impactData(d.impact) : null,
    notes: d.notes.map(text),
  };
}

function latestRun(run: ApplicationSummary, redaction: Redaction, recKeys: string[]): Record<string, unknown> {
  const text = (value: string): string => redactText(value, redaction);
  return {
    app_name: run.app_name === null ? null : text(run.app_name),
    spark_version: run.spark_version,
    started: isoDate(run.start_time),
    status: run.status,
    duration: formatDuration(run.duration_ms),
    failure_reason: run.failure_reason === null ? null : text(run.failure_reason).slice(0, 500),
    spark_settings: tuningSettings(run.spark_conf, redaction, recKeys),
    metrics: {
      tasks_total: run.tasks_total,
      tasks_failed: run.tasks_failed,
      stages_failed: run.stages_failed,
      oom_failures: run.oom_failures,
      executor_lost_failures: run.executor_lost_failures,
      fetch_failures: run.fetch_failures,
      executors_max_concurrent: run.executors_max_concurrent,
      executor_peak_jvm_heap: bytes(run.executor_peak_jvm_heap_bytes),
      driver_peak_jvm_heap: bytes(run.driver_peak_jvm_heap_bytes),
      memory_spilled: bytes(run.memory_bytes_spilled),
      disk_spilled: bytes(run.disk_bytes_spilled),
      gc_time_ratio: run.gc_time_ratio === null ? null : formatPercent(run.gc_time_ratio),
      slot_utilization: run.slot_utilization === null ? null : formatPercent(run.slot_utilization),
      max_task_skew_ratio: run.max_task_skew_ratio === null ? null : formatNumber(run.max_task_skew_ratio),
      skew_stage_id: run.skew_stage_id,
      task_duration_p50: run.task_duration_p50_ms === null ? null : formatDuration(run.task_duration_p50_ms),
    },
    failure_causes: run.failure_causes.slice(0, 5).map(({ cause, count }) => ({ cause: text(cause).slice(0, 300), count })),
    metrics_quality: run.metrics_quality.map(text),
  };
}

function findingData(f: Finding, d: TaskDiagnosis, text: (value: string) => string): Record<string, unknown> {
  return {
    rule_id: f.rule_id,
    kind: f.kind,
    title: text(f.title),
    detail: text(f.detail),
    needs_human: f.needs_human,
    evidence: Object.fromEntries(Object.entries(f.evidence.values).map(([k, v]) => [k, typeof v === 'string' ? text(v) : v])),
    stages: f.evidence.stages ?? [],
    spark_versions: f.evidence.spark_versions,
    proposed_changes: f.recommendations.map((rec) => ({ key: rec.key, proposed: rec.proposed, kept: d.recommendations.includes(rec) })),
  };
}

function impactData(i: Impact): Record<string, unknown> {
  const delta = i.cost_after_usd - i.cost_before_usd;
  return {
    runs: i.runs,
    gb_hours_per_run: { before: formatNumber(i.gb_hours_before), after: formatNumber(i.gb_hours_after) },
    core_hours_per_run: { before: formatNumber(i.core_hours_before), after: formatNumber(i.core_hours_after) },
    cost_per_run: { before: formatUsd(i.cost_before_usd), after: formatUsd(i.cost_after_usd), change: `${delta < 0 ? '-' : '+'}${formatUsd(Math.abs(delta))}` },
    prices: { vcpu_hour: `$${i.prices.vcpu_hour_usd}`, gb_hour: `$${i.prices.gb_hour_usd}` },
    runtime_effect: i.runtime_effect ?? null,
    runtime_per_run:
      i.runtime_ms_before !== undefined && i.runtime_ms_after !== undefined
        ? { before: formatDuration(i.runtime_ms_before), after: formatDuration(i.runtime_ms_after), method: i.runtime_method ?? 'as measured' }
        : null,
  };
}

/** The runs the findings cite, once each, oldest first. */
function history(d: TaskDiagnosis): RunEvidence[] {
  const seen = new Map<string, RunEvidence>();
  for (const run of d.findings.flatMap((f) => f.evidence.runs)) seen.set(`${run.app_id}/${run.attempt_id}`, run);
  return [...seen.values()].sort((a, b) => (a.start_time ?? 0) - (b.start_time ?? 0));
}

function bytes(value: number | null): string | null {
  return value === null ? null : formatBytes(value);
}
