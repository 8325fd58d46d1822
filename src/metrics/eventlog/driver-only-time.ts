import { LongestIntervals, type Interval } from './longest-intervals.js';

/** How many driver-only intervals the stage profile keeps (the longest; the total stays in driver_only_time_ms). */
export const DRIVER_ONLY_INTERVAL_LIMIT = 50;

/**
 * Wall time with no task running (Sparklens' "driver time"): the gaps before the first task,
 * between busy periods, and after the last task. Fed task launches and finishes in log order;
 * only tasks that were seen starting count, so unpaired ends cannot drive it negative.
 */
export class DriverOnlyClock {
  private running = 0;
  private firstLaunch: number | null = null;
  private idleSince: number | null = null;
  private idleBetweenMs = 0;
  private readonly gaps = new LongestIntervals(DRIVER_ONLY_INTERVAL_LIMIT);

  /** A task started at `launchTime` (epoch ms). */
  taskStarted(launchTime: number): void {
    if (this.firstLaunch === null) this.firstLaunch = launchTime;
    if (this.running === 0 && this.idleSince !== null) {
      if (launchTime > this.idleSince) this.gaps.add(this.idleSince, launchTime);
      this.idleBetweenMs += Math.max(0, launchTime - this.idleSince);
      this.idleSince = null;
    }
    this.running += 1;
  }

  /** A task that was seen starting finished at `finishTime` (epoch ms). */
  taskFinished(finishTime: number): void {
    if (this.running === 0) return;
    this.running -= 1;
    if (this.running === 0) this.idleSince = finishTime;
  }

  /** Driver-only ms between application start and end; null when a task never finished. */
  total(appStart: number, appEnd: number): number | null {
    if (this.running > 0) return null;
    if (this.firstLaunch === null) return Math.max(0, appEnd - appStart);
    const before = Math.max(0, this.firstLaunch - appStart);
    const after = this.idleSince === null ? 0 : Math.max(0, appEnd - this.idleSince);
    return before + this.idleBetweenMs + after;
  }

  /**
   * The longest DRIVER_ONLY_INTERVAL_LIMIT driver-only intervals (epoch ms, time order): before the
   * first task, between busy periods, and after the last task when the end is known and no task
   * is still running. Not clipped to [appStart, appEnd].
   */
  intervals(appStart: number, appEnd: number | null): Interval[] {
    const edges: Interval[] = [];
    const firstBusy = this.firstLaunch ?? appEnd;
    if (firstBusy !== null && firstBusy > appStart) edges.push([appStart, firstBusy]);
    const idleSince = this.firstLaunch === null ? null : this.idleSince;
    if (this.running === 0 && idleSince !== null && appEnd !== null && appEnd > idleSince) edges.push([idleSince, appEnd]);
    return this.gaps.result(edges);
  }
}
