import { describe, expect, it } from 'vitest';
import { ownersOf, patternMatcher, readCodeowners } from '../../../src/publish/github/codeowners.js';

function matches(pattern: string, path: string): boolean {
  return patternMatcher(pattern)(path);
}

describe('CODEOWNERS patterns, as GitHub reads them', () => {
  it.each([
    ['*', 'dags/daily_sales.py', true],
    ['*.py', 'dags/nested/daily_sales.py', true],
    ['*.py', 'dags/daily_sales.yml', false],
    ['/dags/', 'dags/daily_sales.py', true],
    ['/dags/', 'other/dags/daily_sales.py', false],
    ['dags/', 'other/dags/daily_sales.py', true],
    ['dags', 'other/dags/x/daily_sales.py', true],
    ['/dags/*', 'dags/daily_sales.py', true],
    // Unlike .gitignore: `docs/*` owns docs/a.md but not docs/build-app/b.md.
    ['/dags/*', 'dags/sales/daily_sales.py', false],
    ['dags/**', 'dags/sales/daily_sales.py', true],
    ['dags/**/daily_*.py', 'dags/a/b/daily_sales.py', true],
    ['**/sales', 'dags/sales/daily_sales.py', true],
    ['dags/sales', 'dags/sales/daily_sales.py', true],
    ['dags/sales', 'x/dags/sales/daily_sales.py', false],
    ['/dags/daily_sales.py', 'dags/daily_sales.py', true],
    ['.github/', '.github/CODEOWNERS', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });
});

describe('ownersOf()', () => {
  const file = [
    '# data platform owns everything by default',
    '*                 @acme/data-platform',
    '/dags/            @alice @acme/etl   # ETL',
    '/dags/finance/    @bob bob@example.com',
    '/dags/finance/legacy.py',
    '!/dags/x.py       @nobody',
  ].join('\n');

  it('takes the last matching line, users as reviewers and @org/team as team slugs, skipping emails', () => {
    expect(ownersOf(file, 'README.md')).toEqual({ users: [], teams: ['data-platform'] });
    expect(ownersOf(file, 'dags/daily_sales.py')).toEqual({ users: ['alice'], teams: ['etl'] });
    expect(ownersOf(file, 'dags/finance/ledger.py')).toEqual({ users: ['bob'], teams: [] });
  });

  it('treats a matching line without owners as "no owners", and skips negations GitHub does not support', () => {
    expect(ownersOf(file, 'dags/finance/legacy.py')).toEqual({ users: [], teams: [] });
    expect(ownersOf(file, 'dags/x.py')).toEqual({ users: ['alice'], teams: ['etl'] });
  });
});

describe('readCodeowners()', () => {
  function files(contents: Record<string, string>) {
    return { list: async () => Object.keys(contents), read: async (path: string) => contents[path] ?? '' };
  }

  it('uses the first of .github/, the root and docs/, as GitHub does', async () => {
    expect(await readCodeowners(files({ CODEOWNERS: 'root', 'docs/CODEOWNERS': 'docs', '.github/CODEOWNERS': 'github' }))).toBe('github');
    expect(await readCodeowners(files({ 'docs/CODEOWNERS': 'docs', CODEOWNERS: 'root' }))).toBe('root');
    expect(await readCodeowners(files({ 'docs/CODEOWNERS': 'docs' }))).toBe('docs');
    expect(await readCodeowners(files({ 'dags/CODEOWNERS': 'no' }))).toBeNull();
  });
});
