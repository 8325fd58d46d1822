import { describe, expect, it } from 'vitest';
import { createBotLogin, type AppClientFactory } from '../../../src/publish/github/bot-login.js';

function fakeApp(answers: (() => { slug: string })[]) {
  let calls = 0;
  const client: AppClientFactory = async () =>
    ({
      rest: {
        apps: {
          getAuthenticated: async () => {
            const answer = answers[calls];
            calls += 1;
            if (!answer) throw new Error('no more answers');
            return { data: answer() };
          },
        },
      },
    }) as unknown as Awaited<ReturnType<AppClientFactory>>;
  return { client, calls: () => calls };
}

describe('createBotLogin()', () => {
  it('asks GitHub once and answers `<slug>[bot]`', async () => {
    const app = fakeApp([() => ({ slug: 'spark-tuner' })]);
    const botLogin = createBotLogin(app.client);

    expect(await botLogin()).toBe('spark-tuner[bot]');
    expect(await botLogin()).toBe('spark-tuner[bot]');
    expect(app.calls()).toBe(1);
  });

  it('asks again after a failed lookup', async () => {
    const app = fakeApp([
      () => {
        throw new Error('HTTP 502');
      },
      () => ({ slug: 'my-tuner' }),
    ]);
    const botLogin = createBotLogin(app.client);

    await expect(botLogin()).rejects.toThrow('HTTP 502');
    expect(await botLogin()).toBe('my-tuner[bot]');
  });
});
