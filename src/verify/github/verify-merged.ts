import type { RepoConfig } from '../../config/repo-config-types.js';
import type { MetricsSource } from '../../metrics/source.js';
import type { BaseSnapshot } from '../../publish/github/base-snapshot.js';
import { ensureLabels } from '../../publish/github/ensure-labels.js';
import type { GitHubClient, PullRequestRef, RepoId } from '../../publish/github/types.js';
import { errorSentence } from '../../sweep/error-sentence.js';
import { readRecord } from '../record-marker.js';
import { realizedSavings, type RealizedSaving } from '../savings.js';
import type { TaskVerification, TuningRecord } from '../types.js';
import { verifyQuery, verifyRecord } from '../verify-record.js';
import { mergedTuningPrs, type MergedTuningPr } from './merged-tuning-prs.js';
import { revertRegressed, type RevertOutcome } from './revert-regressed.js';
import { finalVerdict, REGRESSED_LABEL, VERDICT_MARKER, verdictComment, VERIFIED_LABEL } from './verdict-comment.js';
import { readVerdictNote, withVerdictNote, type VerdictNote } from './verdict-marker.js';

/**
 * What verification did with one merged PR. `labelled`: it already carries a verdict label (no call was made for it);
 * `decided`: a final verdict was reached now (comment and label posted); `pending`: not enough runs, or the new
 * values did not reach the runs yet; `skipped`: no readable record; `failed`: `sentence` says why.
 */
export interface MergedPrOutcome {
  pr: PullRequestRef;
  dag_id: string | null;
  kind: 'labelled' | 'decided' | 'pending' | 'skipped' | 'failed';
  verdict: 'verified' | 'regressed' | null;
  /** One sentence for the dashboard. */
  sentence: string;
  verifications: TaskVerification[];
  /** A verified change's measured savings per month (kept in the PR body's verdict note for later sweeps). */
  savings: RealizedSaving[];
  /** What auto-revert did for a regressed change (null otherwise, or for PRs labelled before notes existed). */
  revert: VerdictNote['revert'];
}

export interface VerifyMergedInput {
  octokit: GitHubClient;
  repo: RepoId;
  config: RepoConfig;
  source: MetricsSource;
  now: number;
  botLogin: string;
  /** The base branch now, for a revert (read only when one is planned). */
  base: () => Promise<BaseSnapshot>;
  /** Only this DAG's pull requests (the comment command). */
  dag_id?: string;
  /** Check already-labelled PRs again (for a reply; nothing is posted twice). */
  recheck?: boolean;
}

/**
 * Verifies the app's merged tuning PRs of the last `verify.window_days` days (DESIGN §10): one metrics query per
 * PR, and on a final verdict ONE comment with the before/after tables and the `spark-tuning:verified|regressed`
 * label; a regression with `verify.auto_revert` gets its revert pull request first. The measured savings and the
 * revert's outcome are kept in a hidden note of the PR body, so a PR that already has its label costs nothing more.
 * Never throws for one PR: its outcome says why.
 */
export async function verifyMergedPrs(input: VerifyMergedInput): Promise<MergedPrOutcome[]> {
  const { octokit, repo, config, now, botLogin } = input;
  const prs = await mergedTuningPrs(octokit, repo, botLogin, now, config.verify.window_days);
  const outcomes: MergedPrOutcome[] = [];
  for (const pr of prs) {
    const read = readRecord(pr.body);
    const dagId = read.kind === 'record' ? read.record.dag_id : null;
    if (input.dag_id !== undefined && dagId !== input.dag_id) continue;
    outcomes.push(await verifyOne(input, pr, read));
  }
  return outcomes;
}

async function verifyOne(input: VerifyMergedInput, pr: MergedTuningPr, read: ReturnType<typeof readRecord>): Promise<MergedPrOutcome> {
  const ref = { number: pr.number, url: pr.url };
  const base = { pr: ref, dag_id: read.kind === 'record' ? read.record.dag_id : null, verdict: null, verifications: [], savings: [], revert: null };
  if (read.kind !== 'record') {
    const sentence = read.kind === 'skipped' ? read.note : 'it has no spark-tuner record; it is not verified.';
    return { ...base, kind: 'skipped', sentence };
  }
  const labelled = labelVerdict(pr.labels);
  const note = readVerdictNote(pr.body);
  const kept = { savings: note?.savings ?? [], revert: note?.revert ?? null };
  if (labelled !== null && !input.recheck) return { ...base, ...kept, kind: 'labelled', verdict: labelled, sentence: labelledSentence(labelled, kept.revert) };
  try {
    const metrics = await input.source.load(verifyQuery(read.record, input.now));
    const verifications = verifyRecord(read.record, pr.merged_at, metrics.summaries, {
      thresholds: { min_runs: input.config.verify.min_runs, max_slowdown: input.config.verify.max_slowdown },
      prices: input.config.prices,
    });
    const verdict = finalVerdict(verifications);
    const sentence = verifications.map((v) => `${v.task_id}: ${v.reason}`).join(' ');
    if (verdict === null) return { ...base, kind: 'pending', sentence, verifications };
    if (labelled !== null) return { ...base, ...kept, kind: 'labelled', verdict, sentence, verifications };
    const posted = await postVerdict(input, pr, read.record, verdict, verifications);
    const revertSentence = posted.revert ? ` ${posted.revert.sentence}` : '';
    return { ...base, ...posted, kind: 'decided', verdict, sentence: `${sentence}${revertSentence}`, verifications };
  } catch (error) {
    return { ...base, kind: 'failed', sentence: `it could not be verified: ${errorSentence(error)}.` };
  }
}

/**
 * A final verdict, in an order that a failure anywhere can resume: the revert (never twice: its marker), the
 * comment (unless one with the marker is there already), the verdict note in the PR body (when it changes), and
 * the label last — not while the revert waits, so that the next sweep tries it again.
 */
async function postVerdict(
  input: VerifyMergedInput,
  pr: MergedTuningPr,
  record: TuningRecord,
  verdict: 'verified' | 'regressed',
  verifications: TaskVerification[],
): Promise<Pick<VerdictNote, 'savings' | 'revert'>> {
  const { octokit, repo, botLogin } = input;
  const number = pr.number;
  const revert = verdict === 'regressed' ? await revertRegressed({ ...input, botLogin: async () => botLogin, pr: { number, url: pr.url }, record, verifications }) : null;
  const { data: comments } = await octokit.rest.issues.listComments({ ...repo, issue_number: number, per_page: 100 });
  const posted = comments.some((comment) => comment.user?.login === botLogin && (comment.body ?? '').includes(VERDICT_MARKER));
  if (!posted) await octokit.rest.issues.createComment({ ...repo, issue_number: number, body: verdictComment(verdict, verifications, revert?.sentence) });
  const note: VerdictNote = {
    verdict,
    savings: verdict === 'verified' ? realizedSavings(verifications).savings : [],
    revert: revert === null ? null : noteOf(revert),
  };
  const body = withVerdictNote(pr.body, note);
  if (body !== pr.body) await octokit.rest.pulls.update({ ...repo, pull_number: number, body });
  // A revert that waits (another revert PR open, someone's commits on the branch) is tried again by the next sweep.
  if (revert?.kind === 'waiting') return { savings: note.savings, revert: note.revert };
  const label = verdict === 'verified' ? VERIFIED_LABEL : REGRESSED_LABEL;
  await ensureLabels(octokit, repo, [label]);
  await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [label] });
  return { savings: note.savings, revert: note.revert };
}

function noteOf(revert: RevertOutcome): NonNullable<VerdictNote['revert']> {
  return {
    kind: revert.kind,
    pr: 'pr' in revert ? revert.pr.number : null,
    sentence: revert.sentence,
    refused: revert.kind === 'refused' ? revert.reason : null,
  };
}

/** What the dashboard says of a PR whose verdict is final (the comment on it has the tables). */
export function labelledSentence(verdict: 'verified' | 'regressed', revert: VerdictNote['revert']): string {
  return `${verdict}; the comment on the pull request has the before/after table.${revert ? ` ${revert.sentence}` : ''}`;
}

function labelVerdict(labels: string[]): 'verified' | 'regressed' | null {
  if (labels.includes(REGRESSED_LABEL)) return 'regressed';
  return labels.includes(VERIFIED_LABEL) ? 'verified' : null;
}
