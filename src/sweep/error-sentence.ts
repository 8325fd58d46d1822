import { httpStatus } from '../publish/github/request-error.js';

const MAX = 200;

/** One short sentence about an error for the sweep's summary (the details, stack and all, go to the log). */
export function errorSentence(error: unknown): string {
  const status = httpStatus(error);
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (status === null) return message;
  const detail = message.replace(/\s*-\s*https:\/\/docs\.github\.com\S*$/, '');
  if (status === 401) return `GitHub refused the app's credentials (HTTP 401: ${detail})`;
  if (status === 403) return `GitHub denied access (HTTP 403: ${detail}); check the app's permissions`;
  return `GitHub answered HTTP ${status} (${detail})`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  const cut = line.length > MAX ? `${line.slice(0, MAX)}…` : line;
  return cut.replace(/\.$/, '') || 'an unexplained error';
}
