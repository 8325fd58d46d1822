import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-stand-in.js';
import { repoFiles, sweeper } from './support/sweep-harness.js';

let github: GitHubStandIn | null = null;
afterEach(async () => {
  await github?.close();
  github = null;
});

const DAGS = ['cheap', 'costly', 'failing_often', 'failing_once', 'fine', 'unsafe'];
const PLANS = {
  cheap: { saving_usd: 1 },
  costly: { saving_usd: 500 },
  failing_often: { failed_runs: 6 },
  failing_once: { failed_runs: 1, saving_usd: 1000 },
  fine: { none: true, needs_person: 'Task skew in stage 3' },
  unsafe: { refuse: 'the value is built by an f-string' },
};

describe('sweep limits, ordering and hooks', () => {
  it('opens the most urgent proposals first, within prs_per_sweep and open_prs, and holds back the rest', async () => {
    const config = 'limits: { prs_per_sweep: 2, open_prs: 3 }\n';
    github = await startGitHubStandIn({ installations: [{ id: 1, account: 'acme', repos: [{ name: 'p', files: repoFiles(DAGS, config) }] }] });
    const sweep = sweeper(github, { plans: PLANS });

    const first = (await sweep.run()).reports[0];
    expect(first?.published.map((p) => [p.dag_id, p.kind])).toEqual([
      ['failing_often', 'opened'],
      ['failing_once', 'opened'],
    ]);
    expect(first?.held_back.map((h) => [h.dag_id, h.reason])).toEqual([
      ['costly', 'held back: this sweep already opened 2 pull request(s) (limits.prs_per_sweep: 2)'],
      ['cheap', 'held back: this sweep already opened 2 pull request(s) (limits.prs_per_sweep: 2)'],
    ]);
    expect(first?.refused).toEqual([{ dag_id: 'unsafe', title: 'Tune unsafe', reason: 'the value is built by an f-string', pr: null }]);
    expect(first?.needs_person).toEqual([{ dag_id: 'fine', task_id: 'load', title: 'Task skew in stage 3' }]);

    const second = (await sweep.run()).reports[0];
    expect(second?.open_prs?.map((pr) => pr.number)).toEqual([1, 2]);
    expect(second?.published.map((p) => [p.dag_id, p.kind])).toEqual([
      ['failing_often', 'unchanged'],
      ['failing_once', 'unchanged'],
      ['costly', 'opened'],
    ]);
    expect(second?.held_back.map((h) => [h.dag_id, h.reason])).toEqual([['cheap', 'held back: 3 spark-tuner pull request(s) are open (limits.open_prs: 3)']]);
    expect(github.pulls('acme/p')).toHaveLength(3);
  });

  it('asks isIgnored before publishing and hands every report to afterRepository', async () => {
    github = await startGitHubStandIn({ installations: [{ id: 1, account: 'acme', repos: [{ name: 'p', files: repoFiles(['cheap', 'costly']) }] }] });
    const seen: string[] = [];
    const hooks = {
      isIgnored: (_repo: unknown, proposal: { dag_id: string }) => (proposal.dag_id === 'costly' ? 'ignored on the dashboard' : false),
      afterRepository: async (_octokit: unknown, repo: { owner: string; repo: string }, report: { published: unknown[]; ignored: unknown[] }) => {
        seen.push(`${repo.owner}/${repo.repo}: ${report.published.length} published, ${report.ignored.length} ignored`);
      },
    };
    const summary = await sweeper(github, { plans: PLANS, hooks }).run();
    expect(summary.reports[0]?.ignored).toEqual([{ dag_id: 'costly', title: 'Tune costly.load', reason: 'ignored on the dashboard', pr: null }]);
    expect(seen).toEqual(['acme/p: 1 published, 1 ignored']);
  });

  it('with dry_run: true reports what it would open and writes nothing', async () => {
    github = await startGitHubStandIn({ installations: [{ id: 1, account: 'acme', repos: [{ name: 'p', files: repoFiles(['cheap'], 'dry_run: true\n') }] }] });
    const summary = await sweeper(github, { plans: PLANS }).run();
    expect(summary.reports[0]?.dry_run.map((d) => d.reason)).toEqual(['dry run: would open a pull request']);
    expect(github.calls.filter((call) => call.method !== 'GET' && !call.path.endsWith('/access_tokens'))).toEqual([]);
  });
});
