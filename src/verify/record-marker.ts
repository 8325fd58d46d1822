import { z } from 'zod';
import type { AppliedEdit } from '../dags/types.js';
import type { EvidenceWindow, TuningRecord } from './types.js';

/**
 * The hidden record beside the fingerprint marker of a PR body (and a trailer of the commit message): the
 * DAG, the evidence window and the proposed values, as base64url JSON so that no Markdown or HTML can break it.
 * Bodies written before it existed carry only the fingerprint marker; they are skipped with a note.
 */
const BODY_MARKER = /<!--\s*spark-tuner:record=([A-Za-z0-9_-]+)\s*-->/;
const TRAILER = /^Spark-Tuner-Record:\s*([A-Za-z0-9_-]+)\s*$/m;
const FINGERPRINT = /<!--\s*spark-tuner:fingerprint=([^\s>]+)\s*-->|^Spark-Tuner-Fingerprint:\s*(\S+)\s*$/m;

const wire = z.object({
  v: z.literal(1),
  dag: z.string().min(1),
  window: z.tuple([z.number().int(), z.number().int()]),
  changes: z.array(z.tuple([z.string().min(1), z.string().min(1), z.string().nullable(), z.string()])).min(1),
});

/** The encoded record of a proposal: its DAG, evidence window and edits. */
export function encodeRecord(dagId: string, window: EvidenceWindow, edits: AppliedEdit[]): string {
  const data: z.infer<typeof wire> = {
    v: 1,
    dag: dagId,
    window: [window.since, window.until],
    changes: edits.map((edit) => [edit.task_id, edit.key, edit.old_value, edit.new_value]),
  };
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/** `<!-- spark-tuner:record=… -->`, written just before the fingerprint marker. */
export function recordMarker(encoded: string): string {
  return `<!-- spark-tuner:record=${encoded} -->`;
}

/** `Spark-Tuner-Record: …`, a commit message trailer. */
export function recordTrailer(encoded: string): string {
  return `Spark-Tuner-Record: ${encoded}`;
}

export type ReadRecord =
  | { kind: 'record'; record: TuningRecord }
  /** A spark-tuner marker without a readable record (an older PR): `note` says why it is skipped. */
  | { kind: 'skipped'; fingerprint: string; note: string }
  | { kind: 'none' };

/** The record in a PR body or a commit message (either form), or why there is none. */
export function readRecord(text: string | null | undefined): ReadRecord {
  const source = text ?? '';
  const fingerprintMatch = FINGERPRINT.exec(source);
  const fingerprint = fingerprintMatch?.[1] ?? fingerprintMatch?.[2] ?? null;
  if (fingerprint === null) return { kind: 'none' };
  const encoded = BODY_MARKER.exec(source)?.[1] ?? TRAILER.exec(source)?.[1];
  if (!encoded) {
    return { kind: 'skipped', fingerprint, note: `proposal ${fingerprint} predates recorded values (no spark-tuner:record marker); it is not verified.` };
  }
  const parsed = wire.safeParse(parseJson(Buffer.from(encoded, 'base64url').toString('utf8')));
  if (!parsed.success) return { kind: 'skipped', fingerprint, note: `proposal ${fingerprint} has an unreadable record marker; it is not verified.` };
  const { dag, window, changes } = parsed.data;
  return {
    kind: 'record',
    record: {
      fingerprint,
      dag_id: dag,
      window: { since: window[0], until: window[1] },
      changes: changes.map(([task_id, key, old_value, new_value]) => ({ task_id, key, old_value, new_value })),
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
