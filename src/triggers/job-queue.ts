/** Where the queue reports a job that threw (a pino logger fits). */
export interface QueueLog {
  error(details: object, message: string): void;
}

/** An in-process job runner: jobs with the same key run one after another, never at the same time. */
export interface JobQueue {
  /** Schedules `job` after every earlier job with this key; returns at once. A job's error is logged, never thrown. */
  enqueue(key: string, job: () => Promise<void>): void;
  /** Resolves once every job enqueued so far (and any they enqueued) has finished. */
  idle(): Promise<void>;
}

/** Creates a queue with single flight per key (e.g. `owner/repo#dag_id`). */
export function createJobQueue(log?: QueueLog): JobQueue {
  const tails = new Map<string, Promise<void>>();

  function enqueue(key: string, job: () => Promise<void>): void {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(job).catch((error: unknown) => {
      log?.error({ err: error, key }, 'spark-tuner job failed');
    });
    tails.set(key, next);
    void next.then(() => {
      if (tails.get(key) === next) tails.delete(key);
    });
  }

  async function idle(): Promise<void> {
    while (tails.size > 0) {
      // Each job's clean-up callback was registered before this wait, so finished keys are gone when it resumes.
      await Promise.all(tails.values());
    }
  }

  return { enqueue, idle };
}
