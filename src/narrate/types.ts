import type { AppliedEdit } from '../dags/types.js';
import type { TaskDiagnosis } from '../diagnose/types.js';

/**
 * The standardized analysis (DESIGN §4), in this order. Each section is plain text: paragraphs separated by
 * blank lines and `- ` bullets; the renderer escapes it, so a section never carries Markdown or HTML of its own.
 */
export interface Narrative {
  application_overview: string;
  current_configuration: string;
  job_health_summary: string;
  resource_recommendations: string;
  action_summary: string;
}

export const SECTIONS: readonly { key: keyof Narrative; title: string }[] = [
  { key: 'application_overview', title: 'Application overview' },
  { key: 'current_configuration', title: 'Current Spark configuration' },
  { key: 'job_health_summary', title: 'Job health summary' },
  { key: 'resource_recommendations', title: 'Resource recommendations' },
  { key: 'action_summary', title: 'Action summary' },
];

/** What a narrator explains: one DAG's diagnoses and the edit made to its file. */
export interface NarrativeInput {
  dag_id: string;
  file_path: string | null;
  diagnoses: TaskDiagnosis[];
  edits: AppliedEdit[];
  /** What the file edit wants a reviewer to know (e.g. an overridden second occurrence). */
  edit_notes: string[];
  metric_source: string;
}

/** The five sections, and who wrote them. */
export interface Narration {
  narrative: Narrative;
  /** Who wrote the sections: `deterministic`, or e.g. `bedrock (anthropic.claude-…)`. */
  narrator: string;
  /** One line for the pull request when the deterministic sections stand in for a model's: why; null otherwise. */
  fallback_reason: string | null;
}

/** Writes the five sections: deterministically, or with a model whose answer is checked against the data. */
export interface Narrator {
  readonly name: string;
  narrate(input: NarrativeInput): Promise<Narration>;
}
