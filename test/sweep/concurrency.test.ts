import { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { createBotLogin } from '../../src/publish/github/bot-login.js';
import { readBaseSnapshot } from '../../src/publish/github/base-snapshot.js';
import { publishProposal } from '../../src/publish/github/publish-proposal.js';
import { sweepAll } from '../../src/sweep/sweep-all.js';
import { sweepOctokit } from '../../src/sweep/sweep-octokit.js';
import { queueKey } from '../../src/triggers/handle-comment.js';
import { createJobQueue } from '../../src/triggers/job-queue.js';
import { PRIVATE_KEY } from '../publish/github/support/github-mock.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-stand-in.js';
import { fakeMetrics, fakePlanner, NOW, repoFiles } from './support/sweep-harness.js';

let github: GitHubStandIn | null = null;
afterEach(async () => {
  await github?.close();
  github = null;
});

describe('a sweep and a /spark-tune command on the same DAG', () => {
  it('run one after the other through the job queue and produce one pull request', async () => {
    github = await startGitHubStandIn({ installations: [{ id: 1, account: 'acme', repos: [{ name: 'p', files: repoFiles(['daily_sales']) }] }] });
    const probot = new Probot({
      appId: 1,
      privateKey: PRIVATE_KEY,
      baseUrl: github.baseUrl,
      logLevel: 'fatal',
      Octokit: sweepOctokit().defaults((o: Record<string, unknown>) => ({ ...o, throttle: { ...(o.throttle as object), enabled: false } })),
    });
    const queue = createJobQueue();
    const botLogin = createBotLogin(() => probot.auth());
    const planner = fakePlanner({ daily_sales: { saving_usd: 5 } });
    const repo = { owner: 'acme', repo: 'p' };
    // The command's job starts first and is still planning when the sweep lists the open pull requests (none yet).
    let commandDone = false;
    queue.enqueue(queueKey(repo, 'daily_sales'), async () => {
      const octokit = await probot.auth(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const base = await readBaseSnapshot(octokit, repo, 'main');
      const plan = await planner({ dag_id: 'daily_sales', task_id: null, summaries: [], repo: base.files, dag_paths: ['dags/'], metric_source: 'eventlogs', until: NOW, lookback_days: 14, min_runs: 3 });
      if (plan.kind !== 'proposal') throw new Error('expected a proposal');
      await publishProposal(octokit, repo, { ...plan.proposal, fingerprint: 'from-command' }, { base, botLogin });
      commandDone = true;
    });
    const summary = await sweepAll({
      app: probot,
      metricsSource: () => ({ ok: true, source: fakeMetrics() }),
      planner,
      clock: () => NOW,
      botLogin,
      log: { info() {}, warn() {}, error() {} },
      queue,
    });
    await queue.idle();
    expect(commandDone).toBe(true);
    expect(github.pulls('acme/p')).toHaveLength(1);
    // Without the queue the sweep would have opened #1 itself while the command was planning; it waited instead.
    expect(summary.reports[0]?.published.map((p) => [p.kind, p.pr.number])).toEqual([['unchanged', 1]]);
  });
});
