import { describe, expect, it } from 'vitest';
import { appNameKey, groupHistories } from '../../src/diagnose/history.js';
import { run } from '../support/runs.js';

describe('groupHistories', () => {
  it('groups by Airflow task, oldest run first, and counts a copied attempt once', () => {
    const a = run(2, 5);
    const b = run(1, 5);
    const histories = groupHistories([b, a, { ...a }, run(1, 5, { dag_id: null, task_id: null, app_id: 'orphan' })]);
    expect(histories.map((h) => [h.dag_id, h.task_id, h.runs.map((r) => r.app_id)])).toEqual([['daily_sales', 'load_orders', [a.app_id, b.app_id]]]);
  });

  it('keeps the attempts of one application apart', () => {
    const first = run(1, 5, { app_id: 'application_1_0001', attempt_id: '1' });
    const second = run(1, 5, { app_id: 'application_1_0001', attempt_id: '2' });
    expect(groupHistories([first, second])[0]?.runs).toHaveLength(2);
  });

  it('groups by application name when asked, with dates in the name as *', () => {
    const rows = [
      run(2, 5, { dag_id: null, task_id: null, app_id: 'a', app_name: 'NewYorkTaxiData_2025_06_27_00_24_44' }),
      run(1, 5, { dag_id: null, task_id: null, app_id: 'b', app_name: 'NewYorkTaxiData_2025_06_27_03_56_52' }),
      run(1, 5, { app_id: 'c', app_name: 'daily_sales.load_orders' }),
      run(1, 5, { app_id: 'd', app_name: null }),
    ];
    expect(groupHistories(rows, 'app-name').map((h) => [h.dag_id, h.task_id, h.runs.length])).toEqual([
      ['daily_sales.load_orders', 'app', 1],
      ['NewYorkTaxiData_*', 'app', 2],
    ]);
  });
});

describe('appNameKey', () => {
  it.each([
    ['NewYorkTaxiData_2025_06_27_00_24_44', 'NewYorkTaxiData_*'],
    ['etl-2026-11-20T02:00:00Z', 'etl-*'],
    ['report 20261120', 'report *'],
    ['batch_1700000000000', 'batch_*'],
    ['NDS - Power Run', 'NDS - Power Run'],
  ])('%s → %s', (name, key) => {
    expect(appNameKey(name)).toBe(key);
  });
});
