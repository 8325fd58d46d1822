import type { Probot } from 'probot';
import { scheduleSweeps, type ScheduleResult } from './schedule.js';
import { createSweepCache } from './sweep-cache.js';
import { sweepAll } from './sweep-all.js';
import { summaryText } from './summary-text.js';
import type { SweepDeps } from './types.js';

/**
 * `SCHEDULE` inside `npm start`: sweeps on the cron expression with one cache for the life of the process (so an
 * unchanged repository costs a conditional request), never two at once in this process. Several processes each
 * run their own schedule: run one replica with SCHEDULE, or use an external scheduler with `spark-tuner sweep`.
 */
export function startScheduledSweeps(
  app: Probot,
  expression: string,
  deps: Omit<SweepDeps, 'app' | 'log' | 'cache'>,
): ScheduleResult {
  const cache = createSweepCache();
  const result = scheduleSweeps(
    expression,
    async () => {
      app.log.info({ schedule: expression }, 'spark-tuner scheduled sweep started');
      const summary = await sweepAll({ ...deps, app, log: app.log, cache });
      const log = summary.fatal === null ? app.log.info.bind(app.log) : app.log.error.bind(app.log);
      log({ reports: summary.reports.length, failures: summary.failures.length }, summaryText(summary).trimEnd());
    },
    app.log,
  );
  if (!result.ok) app.log.error(result.message);
  return result;
}
