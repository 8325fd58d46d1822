import { describe, expect, it } from 'vitest';
import { parseMemoryMb } from '../../../src/metrics/memory-size.js';
import { hasSharedEvents } from '../../support/shared-data.js';
import { HS, HS_2019, logOf, SPARK, SPARK_2019, type AppAttempt, type AppListEntry, type Environment } from './support/history-server.js';
import { readExpectation, summarizeShared } from './support/shared-summary.js';

/** The History Server's application lists, `/applications/<id>` and `/environment` against our rows (see ORACLES.md). */
describe.skipIf(!hasSharedEvents)('oracles: the History Server\'s applications', () => {
  const cases: [string, AppListEntry, AppAttempt, string][] = [];
  if (hasSharedEvents) {
    for (const app of readExpectation<AppListEntry[]>(`${HS}/application_list_json_expectation.json`)) {
      for (const attempt of app.attempts) cases.push([`${app.id}/${attempt.attemptId ?? '-'}`, app, attempt, logOf(app.id, attempt.attemptId, SPARK)]);
    }
    for (const app of readExpectation<AppListEntry[]>(`${HS_2019}/application_list_json_expectation.json`)) {
      // The 2019 list also holds older copies of the logs above; only these two are 2019-only logs.
      if (!['application_1536831636016_59384', 'application_1506645932520_24630151'].includes(app.id)) continue;
      for (const attempt of app.attempts) cases.push([`2019 ${app.id}`, app, attempt, logOf(app.id, attempt.attemptId, SPARK_2019)]);
    }
  }

  it('lists 19 application attempts to check', () => {
    expect(cases).toHaveLength(19);
  });

  it.each(cases)('application list: %s', async (_name, app, attempt, log) => {
    const row = await summarizeShared(log);
    expect(row).toMatchObject({
      app_id: app.id,
      attempt_id: attempt.attemptId ?? null,
      app_name: app.name,
      user: attempt.sparkUser,
      start_time: attempt.startTimeEpoch,
      end_time: attempt.endTimeEpoch,
      duration_ms: attempt.duration,
      spark_version: attempt.appSparkVersion === '' ? null : attempt.appSparkVersion,
      status: attempt.completed ? 'succeeded' : 'incomplete',
    });
  });

  it.each([
    ['one_app_json', 'local-1422981780767'],
    ['one_app_multi_attempt_json', 'local-1426533911241'],
  ] as const)('%s: every attempt of %s', async (oracle, appId) => {
    const app = readExpectation<AppListEntry>(`${HS}/${oracle}_expectation.json`);
    expect(app.id).toBe(appId);
    for (const attempt of app.attempts) {
      const row = await summarizeShared(logOf(appId, attempt.attemptId, SPARK));
      expect(row).toMatchObject({
        app_id: appId, attempt_id: attempt.attemptId ?? null, app_name: app.name, user: attempt.sparkUser,
        start_time: attempt.startTimeEpoch, end_time: attempt.endTimeEpoch, duration_ms: attempt.duration,
        status: attempt.completed ? 'succeeded' : 'incomplete',
      });
    }
  });

  it.each([
    ['app_environment', 'app-20161116163331-0000'],
    ['multiple_resource_profiles', 'application_1578436911597_0052'],
  ] as const)('%s: spark_conf (redacted as the History Server does) and the configuration columns of %s', async (oracle, log) => {
    const environment = readExpectation<Environment>(`${HS}/${oracle}_expectation.json`);
    const expected = Object.fromEntries(environment.sparkProperties);
    const row = await summarizeShared(`${SPARK}/${log}`);
    expect(row.spark_conf).toEqual(expected);
    const value = (key: string): string | undefined => (expected[key] === '*********(redacted)' ? undefined : expected[key]);
    expect(row).toMatchObject({
      master: value('spark.master') ?? null,
      executor_memory_mb: parseMemoryMb(value('spark.executor.memory')),
      driver_memory_mb: parseMemoryMb(value('spark.driver.memory')),
    });
  });
});
