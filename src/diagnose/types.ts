import type { ApplicationSummary } from '../metrics/summary.js';

/** What a change is for: saving money, or making the job stop failing. */
export type FindingKind = 'cost' | 'reliability';

/** The history of one Airflow task: every run the metrics source knows, oldest first. */
export interface TaskHistory {
  dag_id: string;
  task_id: string;
  runs: ApplicationSummary[];
}

/** The runs a rule may read, already cut to the lookback window. */
export interface RuleInput {
  dag_id: string;
  task_id: string;
  /** Every run in the window, failed ones included (for failure rules). */
  runs: ApplicationSummary[];
  /** The successful runs in the window (for rules that cut resources). */
  successful: ApplicationSummary[];
  /** `min_runs`: how many successful runs a resource cut needs. */
  min_runs: number;
  /** Memory a node gives one container (MiB): executor or driver memory + overhead must fit. Default: DEFAULT_NODE_MEMORY_MB. */
  node_memory_mb?: number;
}

/** One Spark setting to change, with the value it has in the runs and the value proposed. */
export interface Recommendation {
  rule_id: string;
  key: string;
  /** The value the runs were configured with (as Spark reported it), or null if unset. */
  current: string | null;
  proposed: string;
  /** One sentence a reviewer reads next to the change. */
  reason: string;
  /** The expected effect on runtime, e.g. "none expected", "faster: less spill", "not estimated". */
  runtime_effect?: string;
}

/** The facts one run contributed to a finding. */
export interface RunEvidence {
  app_id: string;
  attempt_id: string | null;
  run_id: string | null;
  start_time: number | null;
  status: ApplicationSummary['status'];
  /** The metric values the rule looked at, by summary column name. */
  values: Record<string, number | string | boolean | null>;
}

export interface Evidence {
  runs: RunEvidence[];
  spark_versions: string[];
  metric_source: string;
  /** Aggregates the decision was based on, e.g. `max_peak_ratio`. */
  values: Record<string, number | string | null>;
  /** The stages the finding is about (e.g. the skewed stage), when the metrics name one. */
  stages?: number[];
}

export interface Finding {
  rule_id: string;
  kind: FindingKind;
  /** One line, e.g. "Executors use at most 33% of their 16g heap". */
  title: string;
  /** A few sentences explaining the finding with its numbers. */
  detail: string;
  evidence: Evidence;
  recommendations: Recommendation[];
  /** True when a person has to look: no configuration change is proposed. */
  needs_human: boolean;
}

export interface Prices {
  vcpu_hour_usd: number;
  gb_hour_usd: number;
}

/** Allocated executor resources per run, averaged over the evidence runs. */
export interface Impact {
  runs: number;
  gb_hours_before: number;
  gb_hours_after: number;
  core_hours_before: number;
  core_hours_after: number;
  cost_before_usd: number;
  cost_after_usd: number;
  prices: Prices;
  /** Driver container GB-hours per run (memory + overhead × duration), when the runs report driver memory; priced in the costs. */
  driver_gb_hours_before?: number;
  driver_gb_hours_after?: number;
  /** The expected effect on runtime of all the recommendations together. */
  runtime_effect?: string;
  /** Mean wall time per run today and predicted after the recommendations (ms), when every run reports its duration. */
  runtime_ms_before?: number;
  runtime_ms_after?: number;
  /** How runtime and executor time after were predicted: the what-if method (src/whatif), or "as measured". */
  runtime_method?: string;
  /** Runs whose executors or cores change but that have no stage profile: their executor time is left as measured. */
  runtime_unpredicted_runs?: number;
}

/**
 * A recommendation a guardrail of DESIGN §3 held back: it is not proposed, and says why. `memory-failure`: no cut
 * after a memory-related failure in the window; `explicit-non-heap-memory`: off-heap or PySpark memory is set by
 * hand; `node-size`: heap + overhead would not fit a node; `allocation-bounds`: `min ≤ initial ≤ max` would break.
 */
export interface HeldBack {
  recommendation: Recommendation;
  guardrail: 'memory-failure' | 'explicit-non-heap-memory' | 'node-size' | 'allocation-bounds';
  /** One sentence, the same as the note. */
  reason: string;
}

export interface TaskDiagnosis {
  dag_id: string;
  task_id: string;
  window: { since: number; until: number };
  runs_in_window: number;
  successful_runs_in_window: number;
  findings: Finding[];
  /** The recommendations of every finding, one per key, after guardrails. */
  recommendations: Recommendation[];
  /** What the guardrails held back, and why (absent in diagnoses built before guardrails ran). */
  held_back?: HeldBack[];
  impact: Impact | null;
  /** Why nothing was proposed, or what was held back (e.g. "only 2 successful runs; 3 needed"). */
  notes: string[];
  /** The configuration of the newest run, for the narrative. */
  latest: ApplicationSummary | null;
}

/** Threshold overrides: a rule's own keys, numbers or booleans. */
export type Thresholds = Record<string, number | boolean>;

export interface Rule<T extends Thresholds = Thresholds> {
  id: string;
  /** One line: what the rule looks for. */
  doc: string;
  kind: FindingKind;
  defaults: T;
  evaluate(input: RuleInput, thresholds: T, metricSource: string): RuleOutcome;
}

/** A rule's answer: a finding, and/or notes on why it could not decide (e.g. no peak metrics). */
export interface RuleOutcome {
  finding: Finding | null;
  notes: string[];
}
