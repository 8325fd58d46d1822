import { describe, expect, it } from 'vitest';
import { DASHBOARD_MARKER, readIgnoreLines, readSection, replaceSection } from '../../src/dashboard/body-markers.js';
import { isIgnored, undoneBy, withEntry, type IgnoreEntry } from '../../src/dashboard/ignore-entry.js';
import { IGNORED_SECTION, renderDashboard, renderIgnored } from '../../src/dashboard/render-dashboard.js';
import { emptyDashboard, type DashboardContent } from '../../src/dashboard/types.js';
import { VERIFICATION_SECTION, withVerificationLine } from '../../src/dashboard/verification-section.js';

const declined: IgnoreEntry = {
  target: 'daily_sales.load_orders',
  fingerprint: 'abc123',
  summary: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g',
  source: '#7 closed without merging',
};
const command: IgnoreEntry = { target: 'nightly-orders', fingerprint: null, summary: '', source: '/spark-tune ignore by octocat' };

const content: DashboardContent = {
  open_prs: [{ number: 9, title: 'Tune daily_sales.load_orders: spark.executor.memory 16g → 8g' }],
  held_back: [{ dag_id: 'weekly', title: 'Tune weekly.agg: spark.sql.shuffle.partitions 200 → 800', reason: 'limits.prs_per_sweep is 2' }],
  needs_person: [{ dag_id: 'etl', task_id: 'join', finding: "<script>alert('XSS')</script> skews @team" }],
  refused: [{ dag_id: 'etl', reason: 'the value is built by an f-string | oops' }],
  verification: [],
  config_problems: ['Unknown setting `colour` in .github/spark-tuner.yml; it is ignored.'],
};

describe('renderDashboard()', () => {
  it('lists every section, with the marker and the data escaped', () => {
    const body = renderDashboard(content, [declined]);

    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(body).toContain('## Open tuning pull requests\n\n- #9 Tune daily_sales.load_orders: spark.executor.memory 16g → 8g');
    expect(body).toContain('## Held back by limits\n\n- `weekly`: Tune weekly.agg');
    expect(body).toContain("- `etl.join`: &lt;script&gt;alert('XSS')&lt;/script&gt; skews @&#8203;team");
    expect(body).toContain('- `etl`: the value is built by an f-string \\| oops');
    expect(body).toContain('## Problems in `.github/spark-tuner.yml`');
    expect(body).toContain('## Verification and savings\n\nNo merged spark-tuner pull request to verify');
    expect(body).not.toContain('<script>');
  });

  it('is pure: the same content renders the same body', () => {
    expect(renderDashboard(content, [declined, command])).toBe(renderDashboard(structuredClone(content), [declined, command]));
  });

  it('gives each ignore a checkbox and a hidden marker that reads back to the same entry', () => {
    const body = renderDashboard(emptyDashboard(), [declined, command]);

    expect(body).toContain('- [ ] `daily_sales.load_orders`: Tune daily_sales.load_orders');
    expect(readIgnoreLines(body)).toEqual([
      { entry: declined, ticked: false },
      { entry: command, ticked: false },
    ]);
    const ticked = body.replace('- [ ] `nightly-orders`', '- [x] `nightly-orders`');
    expect(readIgnoreLines(ticked).map((line) => line.ticked)).toEqual([false, true]);
  });

  it('keeps a target with comment-closing characters inside its marker', () => {
    const odd = { ...command, target: 'a-->b', summary: '--> <!-- x' };
    expect(readIgnoreLines(renderIgnored([odd]))).toEqual([{ entry: odd, ticked: false }]);
  });

  it('replaces only the ignored section of a body', () => {
    const body = renderDashboard(content, [declined]);
    const edited = replaceSection(body, IGNORED_SECTION, renderIgnored([]));

    expect(readIgnoreLines(edited)).toEqual([]);
    expect(edited).toContain('## Held back by limits');
    expect(edited).toBe(renderDashboard(content, []));
  });
});

describe('isIgnored()', () => {
  const proposal = { dag_id: 'daily_sales', task_ids: ['load_orders'], fingerprint: 'abc123' };

  it('ignores the declined proposal until a different value is proposed', () => {
    expect(isIgnored([declined], proposal)).toEqual(declined);
    expect(isIgnored([declined], { ...proposal, fingerprint: 'def456' })).toBeNull();
  });

  it('ignores every proposal for a DAG or task named by the command', () => {
    const task = { ...command, target: 'daily_sales.load_orders' };
    expect(isIgnored([task], { ...proposal, fingerprint: 'zzz' })).toEqual(task);
    expect(isIgnored([task], { ...proposal, task_ids: ['other'] })).toBeNull();
    expect(isIgnored([{ ...command, target: 'daily_sales' }], { ...proposal, task_ids: ['other'] })).not.toBeNull();
  });

  it('undoes a task entry by its DAG, and adds an entry once', () => {
    expect(undoneBy(declined, 'daily_sales')).toBe(true);
    expect(undoneBy(declined, 'daily')).toBe(false);
    expect(withEntry([declined], { ...declined })).toHaveLength(1);
    expect(withEntry([declined], command)).toHaveLength(2);
  });
});

describe('the verification section', () => {
  const savings = [
    { pr_number: 3, dag_id: 'verify_held', task_id: 'transform', gb_hours_per_month: 197.44, core_hours_per_month: -0.26, usd_per_month: 1.13 },
    { pr_number: 5, dag_id: 'nightly', task_id: 'load', gb_hours_per_month: 10, core_hours_per_month: 2, usd_per_month: 0.5 },
  ];
  const verification = [
    { pr_number: 3, dag_id: 'verify_held', outcome: 'verified; the comment on the pull request has the before/after table.' },
    { pr_number: 4, dag_id: 'verify_oom', outcome: 'regressed; … Not reverted: in `dags/<x>.py`, `spark.executor.memory` is now `12g` | sic.' },
  ];

  it('shows the outcomes (code spans kept, the rest escaped) and the realized savings per month with their total', () => {
    const body = renderDashboard({ ...emptyDashboard(), verification, savings }, []);

    expect(body).toContain('- #4 `verify_oom`: regressed; … Not reverted: in `dags/<x>.py`, `spark.executor.memory` is now `12g` \\| sic.');
    expect(body).toContain('| Pull request | Task | GB-hours/month | Core-hours/month | $/month |');
    expect(body).toContain('| #3 | `verify_held.transform` | 197.4 | -0.3 | $1.13 |');
    expect(body).toContain('| **Total** | | 207.4 | 1.7 | $1.63 |');
  });

  it('adds a merged PR’s line, or replaces the line of the same PR, and keeps the savings', () => {
    const body = renderDashboard({ ...emptyDashboard(), verification, savings }, []);
    const section = readSection(body, VERIFICATION_SECTION) ?? '';
    const added = withVerificationLine(section, { pr_number: 9, dag_id: 'weekly', outcome: 'merged; waiting.' });
    expect(added.split('\n').filter((line) => line.startsWith('- #')).map((line) => line.slice(0, 4))).toEqual(['- #3', '- #4', '- #9']);
    expect(added).toContain('| **Total** |');
    const replaced = withVerificationLine(added, { pr_number: 4, dag_id: 'verify_oom', outcome: 'merged again.' });
    expect(replaced).toContain('- #4 `verify_oom`: merged again.');
    expect(replaced).not.toContain('12g');
    const empty = readSection(renderDashboard(emptyDashboard(), []), VERIFICATION_SECTION) ?? '';
    expect(withVerificationLine(empty, { pr_number: 9, dag_id: 'weekly', outcome: 'merged.' })).toBe('## Verification and savings\n\n- #9 `weekly`: merged.');
  });
});
