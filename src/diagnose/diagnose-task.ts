import { isoDate } from '../format.js';
import type { ApplicationSummary } from '../metrics/summary.js';
import { applyGuardrails } from './guardrails.js';
import { groupHistories, lookbackWindow, ruleInput, type GroupBy } from './history.js';
import { DEFAULT_PRICES, estimateImpact } from './impact.js';
import { mergeRecommendations } from './merge-recommendations.js';
import { RULES } from './rules/index.js';
import { resolveRules, type RuleOverrides } from './thresholds.js';
import type { Finding, Prices, TaskDiagnosis, TaskHistory } from './types.js';

export interface DiagnoseOptions {
  /** End of the lookback window, epoch ms. */
  until: number;
  lookback_days: number;
  min_runs: number;
  /** `eventlogs` or `athena`, named in every finding's evidence. */
  metric_source: string;
  rules?: RuleOverrides;
  prices?: Prices;
  /** Memory a node gives one container (MiB); default DEFAULT_NODE_MEMORY_MB (56 GiB). */
  node_memory_mb?: number;
  /** How runs form histories; default `airflow` (by dag_id and task_id). */
  group_by?: GroupBy;
}

/** Runs every enabled rule over one task's history and applies the guardrails. */
export function diagnoseTask(history: TaskHistory, options: DiagnoseOptions): TaskDiagnosis {
  const window = lookbackWindow(options.until, options.lookback_days);
  const input = ruleInput(history, window, options.min_runs, options.node_memory_mb);
  const notes = windowNotes(history, input.runs.length, input.successful.length, options);
  const findings: Finding[] = [];
  const resolved = resolveRules(RULES, options.rules);
  notes.push(...resolved.problems);
  for (const { rule, thresholds } of resolved.rules) {
    if (rule.kind === 'cost' && input.successful.length < options.min_runs) continue;
    const outcome = rule.evaluate(input, thresholds, options.metric_source);
    notes.push(...outcome.notes);
    if (outcome.finding) findings.push(outcome.finding);
  }
  const merged = mergeRecommendations(findings);
  notes.push(...merged.notes);
  const guarded = applyGuardrails(merged.recommendations, input);
  notes.push(...guarded.notes);
  return {
    dag_id: history.dag_id,
    task_id: history.task_id,
    window,
    runs_in_window: input.runs.length,
    successful_runs_in_window: input.successful.length,
    findings,
    recommendations: guarded.kept,
    held_back: guarded.held_back,
    impact: guarded.kept.length > 0 ? estimateImpact(input.successful, guarded.kept, options.prices ?? DEFAULT_PRICES) : null,
    notes,
    latest: input.runs.at(-1) ?? history.runs.at(-1) ?? null,
  };
}

/** Diagnoses every task of the summaries, or only those of one DAG (and task). */
export function diagnoseAll(
  summaries: ApplicationSummary[],
  options: DiagnoseOptions,
  filter: { dag_id?: string | null; task_id?: string | null } = {},
): TaskDiagnosis[] {
  return groupHistories(summaries, options.group_by)
    .filter((h) => (!filter.dag_id || h.dag_id === filter.dag_id) && (!filter.task_id || h.task_id === filter.task_id))
    .map((history) => diagnoseTask(history, options));
}

function windowNotes(history: TaskHistory, inWindow: number, successful: number, options: DiagnoseOptions): string[] {
  const task = `${history.dag_id}.${history.task_id}`;
  const days = `the ${options.lookback_days}-day window ending ${isoDate(options.until)}`;
  if (inWindow === 0) {
    const newest = history.runs.at(-1)?.start_time;
    const when = newest ? `the newest started ${isoDate(newest)}` : 'none has a start time';
    return [
      `No run of ${task} started in ${days}: the runs are older than the window (${history.runs.length} older run(s); ${when}); ` +
        'pass --until and --lookback-days to look at them.',
    ];
  }
  if (successful < options.min_runs) {
    const needed = `${options.min_runs} ${options.min_runs === 1 ? 'is' : 'are'} needed`;
    return [`Not enough runs yet: only ${successful} successful run(s) of ${task} in ${days}; ${needed} before resources are cut.`];
  }
  return [];
}
