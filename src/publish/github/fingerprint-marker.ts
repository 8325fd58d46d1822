const MARKER = /<!--\s*spark-tuner:fingerprint=([^\s>]+)\s*-->/;

/** The hidden marker a PR body carries so that a later run recognizes the same proposal. */
export function fingerprintMarker(fingerprint: string): string {
  return `<!-- spark-tuner:fingerprint=${fingerprint} -->`;
}

/** The fingerprint in a PR body, or null when it has no marker. */
export function readFingerprint(body: string | null | undefined): string | null {
  return MARKER.exec(body ?? '')?.[1] ?? null;
}

/** The body carrying exactly this fingerprint: a different marker is replaced, a missing one appended. */
export function withFingerprint(body: string, fingerprint: string): string {
  if (MARKER.test(body)) return body.replace(MARKER, fingerprintMarker(fingerprint));
  return `${body.replace(/\s+$/, '')}\n\n${fingerprintMarker(fingerprint)}\n`;
}
