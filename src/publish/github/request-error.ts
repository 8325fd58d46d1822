/** The HTTP status of an Octokit request error, or null for any other error. */
export function httpStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('status' in error)) return null;
  return typeof error.status === 'number' ? error.status : null;
}

/** True for GitHub's 404, which is how a missing ref or file is reported. */
export function isNotFound(error: unknown): boolean {
  return httpStatus(error) === 404;
}
