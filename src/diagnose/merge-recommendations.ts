import { parseMemoryMb } from '../metrics/memory-size.js';
import { sameSetting } from './spark-settings.js';
import type { Finding, FindingKind, Recommendation } from './types.js';

interface Candidate {
  kind: FindingKind;
  rec: Recommendation;
}

export interface MergedRecommendations {
  /** One recommendation per key, in the order the rules reported them. */
  recommendations: Recommendation[];
  /** How each conflict was resolved. */
  notes: string[];
}

/**
 * One recommendation per Spark key from the findings that propose changes (findings that need a person
 * propose none). When rules disagree on a key, a reliability fix wins over a cost cut; between fixes
 * of the same kind the larger value wins (the safer one). Each resolved conflict is explained.
 */
export function mergeRecommendations(findings: Finding[]): MergedRecommendations {
  const byKey = new Map<string, Candidate[]>();
  for (const finding of findings) {
    if (finding.needs_human) continue;
    for (const rec of finding.recommendations) {
      const candidates = byKey.get(rec.key) ?? [];
      candidates.push({ kind: finding.kind, rec });
      byKey.set(rec.key, candidates);
    }
  }
  const recommendations: Recommendation[] = [];
  const notes: string[] = [];
  for (const [key, candidates] of byKey) {
    const winner = [...candidates].sort(preferSafer)[0];
    if (!winner) continue;
    recommendations.push(winner.rec);
    const losers = candidates.filter((c) => c !== winner && !sameSetting(key, c.rec.proposed, winner.rec.proposed));
    if (losers.length === 0) continue;
    const why = losers.some((c) => c.kind !== winner.kind) ? 'reliability wins over cost' : 'the larger, safer value wins';
    notes.push(
      `${key}: ${winner.rec.rule_id} proposes ${winner.rec.proposed} and ${losers.map((c) => `${c.rec.rule_id} ${c.rec.proposed}`).join(', ')}; ` +
        `${winner.rec.proposed} is kept (${why}).`,
    );
  }
  return { recommendations, notes };
}

function preferSafer(a: Candidate, b: Candidate): number {
  if (a.kind !== b.kind) return a.kind === 'reliability' ? -1 : 1;
  return magnitude(b.rec) - magnitude(a.rec);
}

/** A comparable size of a proposed value: MiB for memory, the number for counts, 1/0 for flags. */
function magnitude(rec: Recommendation): number {
  const memory = parseMemoryMb(rec.proposed);
  if (memory !== null && /memory/i.test(rec.key)) return memory;
  const value = rec.proposed.trim().toLowerCase();
  if (value === 'true') return 1;
  if (value === 'false') return 0;
  const number = Number.parseFloat(value);
  return Number.isFinite(number) ? number : 0;
}
