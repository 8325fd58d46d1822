import { describe, expect, it } from 'vitest';
import { isUnderDagPaths } from '../../src/dags/dag-paths.js';

describe('isUnderDagPaths', () => {
  it.each([
    ['dags/a.py', ['dags/'], true],
    ['dags/sub/a.py', ['dags'], true],
    ['dagsx/a.py', ['dags/'], false],
    ['airflow/dags/a.py', ['./airflow/dags/'], true],
    ['scripts/a.py', ['dags/'], false],
    ['anything/a.py', ['.'], true],
    ['dags/a.py', ['dags/*.py'], true],
    ['dags/sub/a.py', ['dags/*.py'], false],
    ['dags/sub/a.py', ['dags/**/*.py'], true],
    ['dags/a.py', ['dags/**/*.py'], true],
    ['teams/sales/dags/a.py', ['teams/*/dags'], true],
    ['teams/sales/jobs/a.py', ['teams/*/dags'], false],
    ['x/a.py', ['dags/', 'x/'], true],
    ['dags/a1.py', ['dags/a?.py'], true],
  ] as const)('%s under %j: %s', (file, patterns, expected) => {
    expect(isUnderDagPaths(file, [...patterns])).toBe(expected);
  });
});
