import { sameSetting } from '../spark-settings.js';
import type { Finding, HeldBack, Recommendation, TaskDiagnosis } from '../types.js';
import { DIAGNOSIS_SCHEMA_VERSION, type DiagnosisJson, type FindingProposal, type TaskDiagnosisJson } from './diagnosis-schema.js';

export interface DiagnosisJsonLimits {
  /** At most this many tasks (the first ones, sorted); the rest are named in `omitted`. */
  max_tasks?: number;
  /** At most this many runs per finding's evidence (the newest); `runs_total` keeps the count. */
  max_evidence_runs?: number;
}

/** Diagnoses in the versioned shape of `diagnosis-schema.ts`, optionally cut to bounds (each cut said in `omitted`). */
export function toDiagnosisJson(diagnoses: TaskDiagnosis[], limits: DiagnosisJsonLimits = {}): DiagnosisJson {
  const omitted: string[] = [];
  const kept = limits.max_tasks !== undefined ? diagnoses.slice(0, limits.max_tasks) : diagnoses;
  if (kept.length < diagnoses.length) {
    omitted.push(`${diagnoses.length - kept.length} of ${diagnoses.length} tasks were left out; ask for one task_id at a time.`);
  }
  const tasks = kept.map((d) => taskJson(d, limits.max_evidence_runs));
  const cutRuns = tasks.flatMap((t) => t.findings).filter((f) => f.evidence.runs.length < f.evidence.runs_total).length;
  if (cutRuns > 0) omitted.push(`The evidence of ${cutRuns} finding(s) lists only its ${limits.max_evidence_runs} newest runs (runs_total has the count).`);
  return { schema_version: DIAGNOSIS_SCHEMA_VERSION, tasks, omitted };
}

function taskJson(d: TaskDiagnosis, maxRuns: number | undefined): TaskDiagnosisJson {
  const heldBack = d.held_back ?? [];
  const latest = d.latest;
  return {
    dag_id: d.dag_id,
    task_id: d.task_id,
    window: d.window,
    runs_in_window: d.runs_in_window,
    successful_runs_in_window: d.successful_runs_in_window,
    latest_run: latest
      ? {
          app_id: latest.app_id,
          attempt_id: latest.attempt_id,
          run_id: latest.run_id,
          status: latest.status,
          start_time: latest.start_time,
          duration_ms: latest.duration_ms,
          spark_version: latest.spark_version,
        }
      : null,
    findings: d.findings.map((f) => ({
      rule_id: f.rule_id,
      kind: f.kind,
      title: f.title,
      detail: f.detail,
      needs_human: f.needs_human,
      evidence: {
        ...f.evidence,
        runs: maxRuns !== undefined ? f.evidence.runs.slice(-maxRuns) : f.evidence.runs,
        runs_total: f.evidence.runs.length,
      },
      proposals: f.recommendations.map((rec) => ({ key: rec.key, proposed: rec.proposed, outcome: outcomeOf(rec, f, d, heldBack) })),
    })),
    recommendations: d.recommendations.map((rec) => ({ status: 'proposed' as const, ...change(rec) })),
    held_back: heldBack.map((h) => ({ status: 'held_back' as const, ...change(h.recommendation), guardrail: h.guardrail, because: h.reason })),
    impact: d.impact,
    notes: d.notes,
  };
}

function change(rec: Recommendation): Recommendation {
  const { rule_id, key, current, proposed, reason, runtime_effect } = rec;
  return runtime_effect === undefined ? { rule_id, key, current, proposed, reason } : { rule_id, key, current, proposed, reason, runtime_effect };
}

/** What became of one rule's suggestion: proposed as is or bounded, beaten by another rule, held back, not needed, or ignored. */
function outcomeOf(rec: Recommendation, finding: Finding, d: TaskDiagnosis, heldBack: HeldBack[]): FindingProposal['outcome'] {
  const held = heldBack.find((h) => h.recommendation.key === rec.key);
  if (held) return held.recommendation.rule_id === finding.rule_id ? 'held_back' : 'superseded';
  const final = d.recommendations.find((r) => r.key === rec.key);
  if (final) {
    if (final.rule_id !== finding.rule_id) return 'superseded';
    return final.proposed === rec.proposed ? 'proposed' : 'adjusted';
  }
  const rival = d.findings.some((other) => other !== finding && !other.needs_human && other.recommendations.some((r) => r.key === rec.key));
  if (rival) return 'superseded';
  return sameSetting(rec.key, rec.current, rec.proposed) ? 'not_needed' : 'ignored';
}
