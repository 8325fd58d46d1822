import type { RepoConfig } from '../config/repo-config-types.js';
import type { BaseSnapshot } from '../publish/github/base-snapshot.js';
import { publishProposal } from '../publish/github/publish-proposal.js';
import type { GitHubClient, PublishOutcome, RepoId } from '../publish/github/types.js';
import { branchName, type Proposal } from '../publish/types.js';
import { queueKey } from '../triggers/handle-comment.js';
import type { JobQueue } from '../triggers/job-queue.js';
import { createLimiter } from './apply-limits.js';
import { errorSentence } from './error-sentence.js';
import type { OpenTuningPr } from './open-pull-requests.js';
import type { RankedInput } from './rank-proposals.js';
import type { RepoReport, SweepDeps } from './types.js';

export interface PublishContext {
  octokit: GitHubClient;
  repo: RepoId;
  base: BaseSnapshot;
  config: RepoConfig;
  open_prs: OpenTuningPr[];
  deps: Pick<SweepDeps, 'botLogin' | 'queue' | 'hooks' | 'log'>;
}

type PublishReport = Pick<RepoReport, 'published' | 'held_back' | 'ignored' | 'blocked' | 'dry_run' | 'failures'>;

/**
 * Publishes ranked proposals within the config's limits. An open pull request that already carries the
 * proposal's fingerprint is left as it is (no call at all); anything else goes through `publishProposal`, which
 * never duplicates, inside the comment command's queue for the DAG (a command and a sweep never race).
 */
export async function publishRanked(ctx: PublishContext, ranked: RankedInput[]): Promise<PublishReport> {
  const report: PublishReport = { published: [], held_back: [], ignored: [], blocked: [], dry_run: [], failures: [] };
  const limiter = createLimiter(ctx.config.limits, ctx.open_prs.length);
  for (const { proposal } of ranked) {
    const { dag_id, title } = proposal;
    const open = ctx.open_prs.find((pr) => pr.branch === branchName(dag_id)) ?? null;
    try {
      // An open PR that already carries this proposal stays as it is: no call at all (not even the ignore check).
      if (open !== null && open.fingerprint === proposal.fingerprint && !ctx.config.dry_run) {
        report.published.push({ dag_id, kind: 'unchanged', pr: { number: open.number, url: open.url }, title });
        continue;
      }
      const ignored = await ctx.deps.hooks?.isIgnored?.(ctx.repo, proposal, ctx.octokit);
      if (ignored) {
        const reason = typeof ignored === 'string' ? ignored : 'ignored as asked on GitHub';
        report.ignored.push({ dag_id, title, reason, pr: null });
        continue;
      }
      const decision = limiter.decide(open !== null);
      if (!decision.allowed) {
        report.held_back.push({ dag_id, title, reason: decision.reason, pr: null });
        continue;
      }
      if (ctx.config.dry_run) {
        if (open === null) limiter.opened();
        const reason = open ? `dry run: would update #${open.number}` : 'dry run: would open a pull request';
        report.dry_run.push({ dag_id, title, reason, pr: open });
        continue;
      }
      const outcome = await inQueue(ctx.deps.queue, queueKey(ctx.repo, dag_id), () => publish(ctx, proposal));
      record(report, proposal, outcome);
      if (outcome.kind === 'opened') limiter.opened();
    } catch (error) {
      ctx.deps.log.error({ err: error, dag: dag_id }, 'spark-tuner sweep could not publish a proposal');
      report.failures.push({ dag_id, reason: `publishing failed: ${errorSentence(error)}` });
    }
  }
  return report;
}

function publish(ctx: PublishContext, proposal: Proposal): Promise<PublishOutcome> {
  return publishProposal(ctx.octokit, ctx.repo, proposal, {
    base: ctx.base,
    botLogin: ctx.deps.botLogin,
    reviewers: ctx.config.reviewers,
    respectDeclined: !ctx.config.dashboard,
  });
}

function record(report: PublishReport, proposal: Proposal, outcome: PublishOutcome): void {
  const { dag_id, title } = proposal;
  switch (outcome.kind) {
    case 'opened':
    case 'updated':
    case 'unchanged':
      report.published.push({ dag_id, kind: outcome.kind, pr: outcome.pr, title });
      return;
    case 'ignored':
      report.ignored.push({ dag_id, title, reason: outcome.reason, pr: outcome.pr });
      return;
    case 'blocked':
      report.blocked.push({ dag_id, title, reason: outcome.reason, pr: outcome.pr });
  }
}

/** Runs `job` in the queue under `key` (after any job already queued for it) and hands back its result. */
function inQueue<T>(queue: JobQueue | undefined, key: string, job: () => Promise<T>): Promise<T> {
  if (!queue) return job();
  return new Promise<T>((resolve, reject) => {
    queue.enqueue(key, async () => {
      try {
        resolve(await job());
      } catch (error) {
        reject(error);
      }
    });
  });
}
