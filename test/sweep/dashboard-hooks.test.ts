import { describe, expect, it } from 'vitest';
import { dashboardContent } from '../../src/sweep/dashboard-hooks.js';
import { newReport } from '../../src/sweep/new-report.js';
import type { RepoReport } from '../../src/sweep/types.js';

function report(overrides: Partial<RepoReport>): RepoReport {
  return { ...newReport({ owner: 'acme', repo: 'pipelines' }), dags: 3, dags_with_runs: 2, open_prs: [], ...overrides };
}

describe('dashboardContent', () => {
  it('lists open PRs (with the ones this sweep opened), held-back, refused and blocked proposals, and what needs a person', () => {
    const content = dashboardContent(
      report({
        open_prs: [{ number: 3, url: 'u3' }],
        published: [{ dag_id: 'daily_sales', kind: 'opened', pr: { number: 7, url: 'u7' }, title: 'Tune daily_sales.load: spark.executor.memory 16g → 8g' }],
        held_back: [{ dag_id: 'b', title: 'Tune b.t: x', reason: 'limits.prs_per_sweep (2) reached', pr: null }],
        refused: [{ dag_id: 'c', title: 'Tune c', reason: 'the value is built by an f-string', pr: null }],
        blocked: [{ dag_id: 'd', title: 'Tune d', reason: 'the branch has commits by @octocat', pr: { number: 2, url: 'u2' } }],
        needs_person: [{ dag_id: 'e', task_id: 't', title: 'Task failures: fetch failures' }],
        config_problems: ['`min_runs` must be a number; the default 3 is used.'],
      }),
    );
    expect(content.open_prs).toEqual([
      { number: 3, title: 'Tuning pull request #3' },
      { number: 7, title: 'Tune daily_sales.load: spark.executor.memory 16g → 8g' },
    ]);
    expect(content.held_back).toEqual([{ dag_id: 'b', title: 'Tune b.t: x', reason: 'limits.prs_per_sweep (2) reached' }]);
    expect(content.refused.map((entry) => entry.dag_id)).toEqual(['c', 'd']);
    expect(content.needs_person).toEqual([{ dag_id: 'e', task_id: 't', finding: 'Task failures: fetch failures' }]);
    expect(content.config_problems).toHaveLength(1);
    expect(content.verification).toEqual([]);
  });
});
