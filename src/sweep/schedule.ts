import { Cron } from 'croner';

/** Where the schedule reports (a pino logger fits). */
export interface ScheduleLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export type ScheduleResult = { ok: true; stop(): void } | { ok: false; message: string };

/**
 * Runs `job` on a cron schedule (`SCHEDULE`, five fields, or six with seconds first), never twice at once in this
 * process: a tick that comes while the previous pass still runs is skipped and logged. An invalid expression is
 * one sentence, never a crash.
 */
export function scheduleSweeps(expression: string, job: () => Promise<void>, log: ScheduleLog): ScheduleResult {
  const guarded = async (): Promise<void> => {
    try {
      await job();
    } catch (error) {
      log.error({ err: error }, 'spark-tuner scheduled sweep failed');
    }
  };
  const run = singleFlight(guarded, () => log.warn({ schedule: expression }, 'spark-tuner sweep skipped: the previous one is still running'));
  let cron: Cron;
  try {
    cron = new Cron(expression, { mode: '5-or-6-parts', unref: true }, () => run());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `SCHEDULE="${expression}" is not a cron expression (${reason}); scheduled sweeps are off.` };
  }
  log.info({ schedule: expression, next: cron.nextRun()?.toISOString() ?? null }, 'spark-tuner sweeps scheduled');
  return { ok: true, stop: () => cron.stop() };
}

/**
 * Wraps `job` so that at most one run is in flight: calling it while a run is in progress calls `onBusy` and
 * returns that run's promise instead of starting another.
 */
export function singleFlight(job: () => Promise<void>, onBusy: () => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => {
    if (running !== null) {
      onBusy();
      return running;
    }
    running = job().finally(() => {
      running = null;
    });
    return running;
  };
}
