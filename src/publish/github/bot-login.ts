import type { ProbotOctokit } from 'probot';

/** The app's client authenticated as the app itself (a JWT client: `app.auth()` without an installation id). */
export type AppClientFactory = () => Promise<Pick<ProbotOctokit, 'rest'>>;

/**
 * The login the app's commits carry (`<slug>[bot]`), learned once via `GET /app` and then remembered;
 * a failed lookup is retried on the next call.
 */
export function createBotLogin(appClient: AppClientFactory): () => Promise<string> {
  let login: Promise<string> | null = null;
  return () => {
    login ??= lookUp(appClient).catch((error: unknown) => {
      login = null;
      throw error;
    });
    return login;
  };
}

async function lookUp(appClient: AppClientFactory): Promise<string> {
  const octokit = await appClient();
  const { data } = await octokit.rest.apps.getAuthenticated();
  if (!data?.slug) throw new Error('GitHub did not return the app slug for GET /app.');
  return `${data.slug}[bot]`;
}
