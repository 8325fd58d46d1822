import { describe, expect, it } from 'vitest';
import { createJobQueue } from '../../src/triggers/job-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('createJobQueue()', () => {
  it('runs a second job with the same key only after the first finished', async () => {
    const queue = createJobQueue();
    const events: string[] = [];
    const gate = deferred();
    queue.enqueue('o/r#dag', async () => {
      events.push('first started');
      await gate.promise;
      events.push('first done');
    });
    queue.enqueue('o/r#dag', async () => {
      events.push('second started');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['first started']);

    gate.resolve();
    await queue.idle();
    expect(events).toEqual(['first started', 'first done', 'second started']);
  });

  it('runs jobs with different keys side by side', async () => {
    const queue = createJobQueue();
    const events: string[] = [];
    const gate = deferred();
    queue.enqueue('o/r#a', async () => {
      events.push('a started');
      await gate.promise;
    });
    queue.enqueue('o/r#b', async () => {
      events.push('b ran');
      gate.resolve();
    });
    await queue.idle();
    expect(events).toEqual(['a started', 'b ran']);
  });

  it('logs a failed job and still runs the next one with its key', async () => {
    const logged: { details: object; message: string }[] = [];
    const queue = createJobQueue({ error: (details, message) => logged.push({ details, message }) });
    const boom = new Error('boom');
    let ran = false;
    queue.enqueue('k', async () => {
      throw boom;
    });
    queue.enqueue('k', async () => {
      ran = true;
    });
    await queue.idle();
    expect(ran).toBe(true);
    expect(logged).toEqual([{ details: { err: boom, key: 'k' }, message: 'spark-tuner job failed' }]);
  });

  it('waits for jobs enqueued by a running job', async () => {
    const queue = createJobQueue();
    let inner = false;
    queue.enqueue('k', async () => {
      queue.enqueue('other', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        inner = true;
      });
    });
    await queue.idle();
    expect(inner).toBe(true);
  });
});
