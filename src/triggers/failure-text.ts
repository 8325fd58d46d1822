import { MetricsError } from '../metrics/metrics-error.js';
import { httpStatus } from '../publish/github/request-error.js';

/** One sentence for the user about an error that stopped a command; the details go to the app's log. */
export function failureText(error: unknown, deliveryId: string): string {
  if (error instanceof MetricsError) return `The run metrics could not be read: ${error.message}`;
  const status = httpStatus(error);
  if (status === 401 || status === 403) {
    return `GitHub refused a request from spark-tuner (HTTP ${status}); check that the app is installed on this repository with contents, pull requests and issues write access.`;
  }
  if (status === 404) {
    return 'GitHub could not find the repository\'s base branch or one of its files (HTTP 404); check that the default branch exists and try again.';
  }
  if (status === 409) {
    return 'GitHub reported a conflict (HTTP 409), for example an empty repository; push a first commit to the default branch and try again.';
  }
  if (status !== null && status >= 500) {
    return `GitHub had a problem answering spark-tuner (HTTP ${status}); try the command again in a few minutes.`;
  }
  return `spark-tuner stopped on an unexpected error; try again, and if it keeps failing give whoever runs the app the delivery id \`${deliveryId}\` to find the details in its log.`;
}
