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

  /** A task started at `launchTime` (epoch ms). */
  taskStarted(launchTime: number): void {
    if (this.firstLaunch === null) this.firstLaunch = launchTime;
    if (this.running === 0 && this.idleSince !== null) {
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
}
