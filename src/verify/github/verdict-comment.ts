import { escapeNarrative } from '../../narrate/markdown.js';
import { renderVerification } from '../render-table.js';
import type { TaskVerification } from '../types.js';

/** The hidden marker of the app's verdict comment on a merged PR: there is never a second one. */
export const VERDICT_MARKER = '<!-- spark-tuner:verification -->';

export const VERIFIED_LABEL = 'spark-tuning:verified';
export const REGRESSED_LABEL = 'spark-tuning:regressed';

/** A merged PR's verdict: final once any task regressed or every task verified; null while runs are missing. */
export function finalVerdict(verifications: TaskVerification[]): 'verified' | 'regressed' | null {
  if (verifications.length === 0) return null;
  if (verifications.some((v) => v.status === 'regressed')) return 'regressed';
  return verifications.every((v) => v.status === 'verified') ? 'verified' : null;
}

/**
 * The verdict comment: a marker, one sentence, what auto-revert did (`revert`, a regression's sentence), and each
 * task's before/after table.
 */
export function verdictComment(verdict: 'verified' | 'regressed', verifications: TaskVerification[], revert?: string): string {
  const lead =
    verdict === 'verified'
      ? 'spark-tuner checked the runs after this merge: the change held.'
      : `spark-tuner checked the runs after this merge: they got worse.${revert === undefined ? ' Consider reverting this change.' : ''}`;
  const revertLines = revert === undefined ? [] : ['', escapeNarrative(revert.replace(/[\r\n]+/g, ' '))];
  return [VERDICT_MARKER, lead, ...revertLines, '', ...verifications.map(renderVerification)].join('\n');
}

