import { z } from 'zod';
import type { RealizedSaving } from '../savings.js';

/**
 * What a verdict left behind, kept in a hidden marker of the merged PR's body (the app keeps no state of its own):
 * the measured savings of a verified change and what became of a revert, so later sweeps show them on the
 * dashboard without querying the metrics again.
 */
export interface VerdictNote {
  verdict: 'verified' | 'regressed';
  savings: RealizedSaving[];
  /** The revert's outcome: its kind, its pull request, its sentence (null for a verified change). */
  revert: { kind: string; pr: number | null; sentence: string; refused: string | null } | null;
}

const MARKER = /<!--\s*spark-tuner:verdict=([A-Za-z0-9_-]+)\s*-->/;

const saving = z.object({
  dag_id: z.string(),
  task_id: z.string(),
  fingerprint: z.string(),
  runs_per_day: z.number(),
  gb_hours_per_month: z.number(),
  core_hours_per_month: z.number(),
  usd_per_month: z.number(),
});

const wire = z.object({
  verdict: z.enum(['verified', 'regressed']),
  savings: z.array(saving),
  revert: z.object({ kind: z.string(), pr: z.number().int().nullable(), sentence: z.string(), refused: z.string().nullable() }).nullable(),
});

/** The body with the verdict marker (replacing an earlier one). */
export function withVerdictNote(body: string, note: VerdictNote): string {
  const marker = `<!-- spark-tuner:verdict=${Buffer.from(JSON.stringify(note), 'utf8').toString('base64url')} -->`;
  if (MARKER.test(body)) return body.replace(MARKER, marker);
  return `${body.replace(/\s+$/, '')}\n${marker}\n`;
}

/** The verdict note of a PR body, or null when it has none (or a broken one). */
export function readVerdictNote(body: string | null | undefined): VerdictNote | null {
  const encoded = MARKER.exec(body ?? '')?.[1];
  if (!encoded) return null;
  try {
    const parsed = wire.safeParse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
