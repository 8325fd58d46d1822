import type { ProbotOctokit } from 'probot';
import type { MetricsSource } from '../metrics/source.js';
import { labelledSentence, verifyMergedPrs, type MergedPrOutcome } from '../verify/github/verify-merged.js';
import { errorSentence } from './error-sentence.js';
import { newReport } from './new-report.js';
import { listOpenTuningPrs } from './open-pull-requests.js';
import { planDags } from './plan-dags.js';
import { publishRanked } from './publish-ranked.js';
import { rankProposals } from './rank-proposals.js';
import { readRepoState } from './read-repo-state.js';
import type { RepoState } from './sweep-cache.js';
import type { RepoId } from '../publish/github/types.js';
import type { RepoReport, SweepDeps, SweepTarget } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One repository's part of a sweep: its config, the DAG ids its files define, ONE metrics query for those ids,
 * a plan per DAG with runs, then pull requests within the limits, most urgent first. Null when the repository
 * did not opt in (no `.github/spark-tuner.yml`) or has no default branch yet. Throws only when its base branch
 * cannot be read; everything after that is reported.
 */
export async function sweepRepository(
  octokit: ProbotOctokit,
  target: SweepTarget,
  source: MetricsSource,
  deps: SweepDeps,
): Promise<RepoReport | null> {
  const state = await readRepoState(octokit, target, deps.cache);
  if (state === null || !state.config.present) return null;
  const report = emptyReport(target, state);
  const { config } = state.config;
  if (!config.enabled) {
    report.status = 'disabled';
    return finish(octokit, report, state, deps);
  }
  if (state.dag_ids.length === 0) return finish(octokit, report, state, deps);

  const until = deps.clock();
  let summaries;
  try {
    const query = { dag_id: null, task_id: null, dag_ids: state.dag_ids, since: until - config.lookback_days * DAY_MS, until };
    const metrics = await source.load(query);
    summaries = metrics.summaries;
    if (metrics.problems.length > 0) {
      deps.log.warn({ repo: name(target), problems: metrics.problems.slice(0, 50) }, 'spark-tuner sweep skipped unreadable metrics inputs');
    }
  } catch (error) {
    deps.log.error({ err: error, repo: name(target) }, 'spark-tuner sweep metrics query failed');
    return finish(octokit, fail(report, `the metrics query failed: ${errorSentence(error)}`), state, deps);
  }

  const planned = await planDags({
    dag_ids: state.dag_ids,
    summaries,
    files: state.files,
    config,
    planner: deps.planner,
    metric_source: source.name,
    until,
    log: deps.log,
  });
  Object.assign(report, { dags_with_runs: planned.with_runs, refused: planned.refused, needs_person: planned.needs_person });
  report.failures.push(...planned.failures);

  let openPrs;
  try {
    openPrs = await listOpenTuningPrs(octokit, target);
  } catch (error) {
    deps.log.error({ err: error, repo: name(target) }, 'spark-tuner sweep could not list pull requests');
    return finish(octokit, fail(report, `its open pull requests could not be listed: ${errorSentence(error)}`), state, deps);
  }
  report.open_prs = openPrs.map((pr) => ({ number: pr.number, url: pr.url }));
  const published = await publishRanked(
    { octokit, repo: target, base: state, config, open_prs: openPrs, deps },
    rankProposals(planned.proposals),
  );
  const { failures, ...lists } = published;
  Object.assign(report, lists);
  report.failures.push(...failures);
  if (config.verify.enabled) await verifyMerged(octokit, report, state, source, deps);
  return finish(octokit, report, state, deps);
}

/** Verification of the merged PRs (DESIGN §10); a failure is a note, the rest of the report stands. */
async function verifyMerged(octokit: ProbotOctokit, report: RepoReport, state: RepoState, source: MetricsSource, deps: SweepDeps): Promise<void> {
  try {
    const cached = state.verified?.commit_sha === state.commit_sha ? state.verified.outcomes : null;
    const config = state.config.config;
    const base = async () => ({ branch: state.branch, commit_sha: state.commit_sha, tree_sha: state.tree_sha, files: state.files });
    const outcomes = cached ?? (await verifyMergedPrs({ octokit, repo: report.repo, config, source, now: deps.clock(), botLogin: await deps.botLogin(), base }));
    const final = outcomes.every((outcome) => ['labelled', 'decided', 'skipped'].includes(outcome.kind) && outcome.revert?.kind !== 'waiting');
    state.verified = final ? { commit_sha: state.commit_sha, outcomes: outcomes.map(settled) } : undefined;
    report.verification = outcomes.filter((outcome) => outcome.kind !== 'skipped');
    for (const outcome of outcomes.filter((each) => each.kind === 'skipped')) report.notes.push(`#${outcome.pr.number}: ${outcome.sentence}`);
  } catch (error) {
    deps.log.warn({ err: error, repo: name(report.repo) }, 'spark-tuner could not verify merged pull requests');
    report.notes.push(`Merged pull requests were not verified: ${errorSentence(error)}.`);
  }
}

async function finish(octokit: ProbotOctokit, report: RepoReport, state: RepoState, deps: SweepDeps): Promise<RepoReport> {
  const after = deps.hooks?.afterRepository;
  if (!after) return report;
  try {
    await after(octokit, report.repo, report, state.config.config);
  } catch (error) {
    deps.log.error({ err: error, repo: `${report.repo.owner}/${report.repo.repo}` }, 'spark-tuner sweep hook failed');
    report.notes.push(`The after-repository step failed: ${errorSentence(error)}.`);
  }
  return report;
}

/** A decided outcome as the next sweep sees it: labelled, its tables on the PR. */
function settled(outcome: MergedPrOutcome): MergedPrOutcome {
  if (outcome.kind !== 'decided') return outcome;
  if (outcome.verdict === null) return outcome;
  return { ...outcome, kind: 'labelled', sentence: labelledSentence(outcome.verdict, outcome.revert), verifications: [] };
}

function fail(report: RepoReport, reason: string): RepoReport {
  report.status = 'failed';
  report.reason = reason;
  return report;
}

function emptyReport(target: SweepTarget, state: RepoState): RepoReport {
  return { ...newReport(target), config_problems: state.config.problems, notes: [...state.notes], dags: state.dag_ids.length };
}

function name(target: RepoId): string {
  return `${target.owner}/${target.repo}`;
}
