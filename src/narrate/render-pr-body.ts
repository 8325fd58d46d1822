import { VERSION } from '../version.js';
import { prBodyView } from './pr-body-view.js';
import { renderTemplate } from './render-template.js';
import type { Narrative, NarrativeInput } from './types.js';

/** GitHub rejects bodies over 65,536 characters; keep a margin for the marker. */
const MAX_BODY = 60_000;

/** The pull request body from `templates/pr-body.md`, ending with the hidden fingerprint marker. */
export function renderPrBody(
  input: NarrativeInput,
  narrative: Narrative,
  meta: { narrator: string; fallback_reason?: string | null; fingerprint: string; record_marker?: string },
): string {
  const body = renderTemplate('pr-body.md', prBodyView(input, narrative, { ...meta, version: VERSION }));
  if (body.length <= MAX_BODY) return body;
  const marker = `${meta.record_marker ? `${meta.record_marker}\n` : ''}<!-- spark-tuner:fingerprint=${meta.fingerprint} -->`;
  return `${body.slice(0, MAX_BODY)}\n\n…(truncated: the analysis is longer than GitHub allows)\n${marker}\n`;
}
