import { ProbotOctokit } from 'probot';

/** How long the sweep waits for GitHub's rate limits: a few retries, each at most this long. */
export interface BackoffOptions {
  /** Retries of one request after a (secondary) rate limit; then the request fails and is reported. */
  retries: number;
  /** A wait GitHub asks for beyond this many seconds fails the request instead (the next sweep tries again). */
  max_wait_seconds: number;
  /** Milliseconds per second of `retry-after` (1000; tests make it tiny). */
  retry_after_base_ms: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { retries: 3, max_wait_seconds: 15 * 60, retry_after_base_ms: 1000 };

interface LimitedRequest {
  method: string;
  url: string;
}

interface OctokitWithLog {
  log: { warn(message: string): void };
}

/**
 * Probot's Octokit with its own throttling and retry plugins (`@octokit/plugin-throttling`, `plugin-retry`)
 * configured for a sweep: on a rate limit or a secondary rate limit (403/429 with `retry-after`) it waits as
 * GitHub asks and retries, a bounded number of times; 5xx errors are retried by plugin-retry.
 */
export function sweepOctokit(backoff: BackoffOptions = DEFAULT_BACKOFF): typeof ProbotOctokit {
  function onLimit(kind: string) {
    return (retryAfter: number, request: LimitedRequest, octokit: OctokitWithLog, retryCount: number): boolean => {
      const retry = retryCount < backoff.retries && retryAfter <= backoff.max_wait_seconds;
      const what = `${kind} on ${request.method} ${request.url}`;
      octokit.log.warn(retry ? `${what}: retrying in ${retryAfter} s.` : `${what}: giving up after ${retryCount} retries.`);
      return retry;
    };
  }
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    throttle: {
      ...(options.throttle as object | undefined),
      retryAfterBaseValue: backoff.retry_after_base_ms,
      onRateLimit: onLimit('GitHub rate limit'),
      onSecondaryRateLimit: onLimit('GitHub secondary rate limit'),
    },
    retry: { ...(options.retry as object | undefined), retryAfterBaseValue: backoff.retry_after_base_ms },
  }));
}
