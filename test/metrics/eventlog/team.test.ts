import { describe, expect, it } from 'vitest';
import { team } from '../../../src/metrics/eventlog/team.js';

describe('team', () => {
  it('prefers spark.airflow.team, then a team YARN tag, then the Airflow owner', () => {
    expect(team({ 'spark.airflow.team': 'payments', 'spark.yarn.tags': 'team:data', 'spark.airflow.owner': 'alice' })).toBe('payments');
    expect(team({ 'spark.yarn.tags': 'dag_id:x, team: data ', 'spark.airflow.owner': 'alice' })).toBe('data');
    expect(team({ 'spark.airflow.owner': 'growth-analytics' })).toBe('growth-analytics');
  });

  it('is null for Airflow\'s default owner, a YARN queue or nothing at all', () => {
    expect(team({ 'spark.airflow.owner': 'airflow' })).toBeNull();
    expect(team({ 'spark.yarn.queue': 'root.analytics' })).toBeNull();
    expect(team({ 'spark.airflow.team': ' ' })).toBeNull();
  });
});
