import type { NarrativeInput } from '../types.js';
import { SECTIONS } from '../types.js';
import { analysisAnswer, type AnalysisAnswer } from './answer-schema.js';
import type { NumberCheck } from './number-check.js';

export type Validation = { ok: true; answer: AnalysisAnswer } | { ok: false; reason: string };

/**
 * Accepts a model's tool input only when it has the five non-empty sections, repeats exactly the rule engine's
 * recommendations (task, key, current and proposed values; nothing added, nothing dropped), and states no number
 * the prompt does not hold. `reason` is one line for the pull request.
 */
export function validateAnswer(raw: unknown, input: NarrativeInput, numbers: NumberCheck): Validation {
  const parsed = analysisAnswer.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the answer';
    return { ok: false, reason: `its answer did not fit the schema (${where}: ${issue?.message ?? 'invalid'})` };
  }
  const answer = parsed.data;
  const mismatch = recommendationMismatch(answer, input);
  if (mismatch) return { ok: false, reason: mismatch };
  for (const { key, title } of SECTIONS) {
    const unknown = numbers.unknown(answer[key]);
    if (unknown.length > 0) return { ok: false, reason: `it wrote numbers the data does not hold in "${title}" (${list(unknown.map((q) => q.text))})` };
  }
  for (const rec of answer.recommendations) {
    const unknown = numbers.unknown(rec.reason);
    if (unknown.length > 0) return { ok: false, reason: `it gave ${rec.key} a reason with numbers the data does not hold (${list(unknown.map((q) => q.text))})` };
  }
  return { ok: true, answer };
}

function recommendationMismatch(answer: AnalysisAnswer, input: NarrativeInput): string | null {
  const expected = input.diagnoses.flatMap((d) => d.recommendations.map((rec) => id(d.task_id, rec.key, rec.current, rec.proposed)));
  const given = answer.recommendations.map((rec) => id(rec.task_id, rec.key, rec.current === 'unset' ? null : rec.current, rec.proposed));
  const missing = expected.filter((e) => !given.includes(e));
  const invented = given.filter((g) => !expected.includes(g));
  if (invented.length > 0) return `it recommended a setting or value the rule engine did not (${list(invented)})`;
  if (missing.length > 0 || given.length !== expected.length) return `it left out or repeated a recommendation of the rule engine (${list(missing)})`;
  return null;
}

function id(taskId: string, key: string, current: string | null, proposed: string): string {
  return `${taskId}: ${key} ${current ?? 'unset'} → ${proposed}`;
}

/** A short, single-line list for the one-line reason (model text may be long or hostile; the renderer escapes it). */
function list(items: string[]): string {
  const shown = items.slice(0, 3).map((item) => item.replace(/\s+/g, ' ').slice(0, 60));
  return `${shown.join(', ')}${items.length > 3 ? ', …' : ''}`;
}
