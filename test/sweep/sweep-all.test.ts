import { afterEach, describe, expect, it } from 'vitest';
import type { MetricsQuery } from '../../src/metrics/source.js';
import { summaryText } from '../../src/sweep/summary-text.js';
import type { RepoReport } from '../../src/sweep/types.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-stand-in.js';
import { fakeMetrics, repoFiles, sweeper } from './support/sweep-harness.js';

let github: GitHubStandIn | null = null;
afterEach(async () => {
  await github?.close();
  github = null;
});

function report(reports: RepoReport[], repo: string): RepoReport | undefined {
  return reports.find((r) => `${r.repo.owner}/${r.repo.repo}` === repo);
}

describe('sweepAll', () => {
  it('sweeps two installations; a broken config is reported with defaults applied, a failing call stops only its repository', async () => {
    github = await startGitHubStandIn({
      installations: [
        {
          id: 11,
          account: 'acme',
          repos: [
            { name: 'pipelines', files: repoFiles(['daily_sales', 'hourly_events']) },
            { name: 'broken-config', files: repoFiles(['nightly'], 'limits: { prs_per_sweep: two }\ncolour: blue\n') },
            { name: 'website', files: repoFiles(['not_opted_in'], null) },
          ],
        },
        {
          id: 22,
          account: 'globex',
          repos: [
            { name: 'flaky', files: repoFiles(['flaky_dag']) },
            { name: 'fine', files: repoFiles(['fine_dag']) },
          ],
        },
      ],
    });
    github.fail('GET', /^\/repos\/globex\/flaky\/branches\//, 500, { message: 'Server Error' });
    const queries: MetricsQuery[] = [];
    const plans = { daily_sales: { saving_usd: 10 }, hourly_events: { saving_usd: 5 }, nightly: { saving_usd: 1 }, flaky_dag: {}, fine_dag: {} };
    const summary = await sweeper(github, { plans, source: fakeMetrics(queries) }).run();

    expect(summary.fatal).toBeNull();
    expect(summary.installations).toBe(2);
    expect(summary.repositories).toBe(5);
    expect(summary.reports.map((r) => `${r.repo.owner}/${r.repo.repo}:${r.status}`)).toEqual([
      'acme/pipelines:swept',
      'acme/broken-config:swept',
      'globex/flaky:failed',
      'globex/fine:swept',
    ]);
    expect(report(summary.reports, 'acme/pipelines')?.published.map((p) => [p.dag_id, p.kind])).toEqual([
      ['daily_sales', 'opened'],
      ['hourly_events', 'opened'],
    ]);
    const broken = report(summary.reports, 'acme/broken-config');
    expect(broken?.config_problems).toHaveLength(2);
    expect(broken?.config_problems.join(' ')).toMatch(/limits.*using the default.*Unknown setting `colour`/s);
    expect(broken?.published.map((p) => p.kind)).toEqual(['opened']);
    expect(report(summary.reports, 'globex/flaky')?.reason).toMatch(/base branch could not be read: GitHub answered HTTP 500/);
    expect(report(summary.reports, 'globex/fine')?.published.map((p) => p.kind)).toEqual(['opened']);
    // One metrics query per opted-in repository, for the DAG ids its own files define.
    expect(queries.map((q) => [q.dag_id, q.dag_ids])).toEqual([
      [null, ['daily_sales', 'hourly_events']],
      [null, ['nightly']],
      [null, ['fine_dag']],
    ]);
    expect(github.pulls('acme/pipelines').map((pr) => pr.head.ref)).toEqual(['spark-tuner/daily_sales', 'spark-tuner/hourly_events']);
    const text = summaryText(summary);
    expect(text).toMatch(/^spark-tuner sweep: 2 installation\(s\), 5 repositories, 4 opted in; pull requests: 4 opened/);
    expect(text).toContain('globex/flaky: FAILED: its base branch could not be read: GitHub answered HTTP 500 (Server Error).');
  });

  it('reports a failing metrics query and a failing DAG, and goes on with the other repositories', async () => {
    github = await startGitHubStandIn({
      installations: [{ id: 1, account: 'acme', repos: [{ name: 'a', files: repoFiles(['dag_a']) }, { name: 'b', files: repoFiles(['dag_b', 'dag_c']) }] }],
    });
    github.fail('POST', /^\/repos\/acme\/b\/git\/trees$/, 422, { times: 1, message: 'tree rejected' });
    const source = fakeMetrics([], (query) => query.dag_ids?.includes('dag_a') ?? false);
    const summary = await sweeper(github, { plans: { dag_a: {}, dag_b: { saving_usd: 9 }, dag_c: { saving_usd: 1 } }, source }).run();
    expect(report(summary.reports, 'acme/a')).toMatchObject({ status: 'failed', reason: 'the metrics query failed: Athena query failed: table not found' });
    const b = report(summary.reports, 'acme/b');
    expect(b?.failures).toEqual([{ dag_id: 'dag_b', reason: 'publishing failed: GitHub answered HTTP 422 (tree rejected)' }]);
    expect(b?.published.map((p) => p.dag_id)).toEqual(['dag_c']);
  });

  it('reports an installation whose repositories cannot be listed and sweeps the next one', async () => {
    github = await startGitHubStandIn({
      installations: [
        { id: 1, account: 'acme', repos: [{ name: 'a', files: repoFiles(['dag_a']) }] },
        { id: 2, account: 'globex', repos: [{ name: 'b', files: repoFiles(['dag_b']) }] },
      ],
    });
    github.fail('GET', /^\/installation\/repositories$/, 403, { times: 1, message: 'Resource not accessible by integration' });
    const summary = await sweeper(github, { plans: { dag_a: {}, dag_b: {} } }).run();
    expect(summary.failures).toEqual([
      {
        scope: 'installation 1 (acme)',
        reason: 'its repositories could not be listed: GitHub denied access (HTTP 403: Resource not accessible by integration); check the app\'s permissions',
      },
    ]);
    expect(summary.reports.map((r) => [r.repo.repo, r.published.length])).toEqual([['b', 1]]);
  });

  it('stops with one sentence when the app credentials are refused', async () => {
    github = await startGitHubStandIn({ installations: [] });
    github.fail('GET', /^\/app\/installations$/, 401, { message: 'Bad credentials' });
    const summary = await sweeper(github, { plans: {} }).run();
    expect(summary.fatal).toBe("the app's installations could not be listed: GitHub refused the app's credentials (HTTP 401: Bad credentials).");
    expect(summaryText(summary)).toBe(`spark-tuner sweep: nothing was swept: ${summary.fatal}\n`);
  });

  it('costs at most 3 GitHub calls and writes nothing for an unchanged repository on the next sweep', async () => {
    github = await startGitHubStandIn({
      installations: [{ id: 1, account: 'acme', repos: [{ name: 'pipelines', files: repoFiles(['daily_sales', 'hourly_events', 'quiet']) }] }],
    });
    const sweep = sweeper(github, { plans: { daily_sales: { saving_usd: 3 }, hourly_events: { failed_runs: 2 }, quiet: { none: true } } });
    const first = await sweep.run();
    expect(first.reports[0]?.published.map((p) => p.kind)).toEqual(['opened', 'opened']);

    const before = github.calls.length;
    const second = await sweep.run();
    const calls = github.calls.slice(before).filter((call) => call.path.startsWith('/repos/acme/pipelines/'));
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(calls.filter((call) => call.method !== 'GET')).toEqual([]);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /repos/acme/pipelines/branches/main',
      'GET /repos/acme/pipelines/pulls',
    ]);
    expect(second.reports[0]?.published.map((p) => [p.dag_id, p.kind])).toEqual([
      ['hourly_events', 'unchanged'],
      ['daily_sales', 'unchanged'],
    ]);
    expect(github.pulls('acme/pipelines')).toHaveLength(2);
  });

  it('reads the tree again after a push, and regenerates nothing whose proposal is the same', async () => {
    github = await startGitHubStandIn({ installations: [{ id: 1, account: 'acme', repos: [{ name: 'p', files: repoFiles(['daily_sales']) }] }] });
    const sweep = sweeper(github, { plans: { daily_sales: { saving_usd: 3 } } });
    await sweep.run();
    github.push('acme/p', { 'README.md': 'hello\n' });
    const before = github.calls.length;
    const summary = await sweep.run();
    const calls = github.calls.slice(before).filter((call) => call.path.startsWith('/repos/acme/p/'));
    expect(calls.map((call) => call.method)).not.toContain('POST');
    expect(calls.filter((call) => call.path.includes('/git/trees/'))).toHaveLength(1);
    expect(summary.reports[0]?.published.map((p) => p.kind)).toEqual(['unchanged']);
  });
});
