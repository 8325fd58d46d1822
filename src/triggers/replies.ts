import { REPO_CONFIG_PATH } from '../config/repo-config-types.js';
import type { IgnoreEntry } from '../dashboard/ignore-entry.js';
import { DASHBOARD_TITLE } from '../dashboard/render-dashboard.js';
import type { PublishOutcome } from '../publish/github/types.js';

/** The reply to `/spark-tune help`. */
export const HELP_TEXT = [
  '**spark-tuner** reads the recent runs of an Airflow DAG\'s Spark jobs and proposes a better Spark configuration',
  'as a pull request that edits the DAG file, with the evidence.',
  '',
  '- `/spark-tune <dag_id>`: tune every task of the DAG that has runs, and open (or update) its pull request',
  '- `/spark-tune <dag_id>.<task_id>`: tune one task',
  '- `/spark-tune <dag_id> --dry-run`: reply with the analysis only; no branch, no pull request',
  '- `/spark-tune ignore <dag_id>[.<task_id>]`: stop proposing changes for it (listed on the "Spark tuning dashboard" issue)',
  '- `/spark-tune unignore <dag_id>[.<task_id>]`: propose it again (or tick its box on the dashboard)',
  '- `/spark-tune verify <dag_id>`: check merged changes against the runs after them',
  '- `/spark-tune help`: this message',
  '',
  `Only people with write, maintain or admin access can run it. Settings live in \`${REPO_CONFIG_PATH}\`.`,
].join('\n');

/** The polite reply to someone without write access. */
export function refusalText(login: string): string {
  return `Sorry @${login}, only people with write, maintain or admin access to this repository can run \`/spark-tune\`.`;
}

/** What publishing did, in one or two sentences with the pull request's link. */
export function outcomeText(outcome: PublishOutcome): string {
  switch (outcome.kind) {
    case 'opened': {
      const text = `Opened pull request #${outcome.pr.number}: ${outcome.pr.url}`;
      return outcome.notes.length === 0 ? text : `${text}\n\n${outcome.notes.join('\n')}`;
    }
    case 'updated':
      return `Updated pull request #${outcome.pr.number} with a fresh analysis on the current base branch: ${outcome.pr.url}`;
    case 'unchanged':
      return `Pull request #${outcome.pr.number} already proposes this change; its description was refreshed: ${outcome.pr.url}`;
    case 'ignored':
      return `${outcome.reason}.`;
    case 'blocked': {
      const pr = outcome.pr ? ` (#${outcome.pr.number})` : '';
      return `spark-tuner left the branch alone because ${outcome.reason}${pr}; merge or close that work (or delete the branch), then run the command again.`;
    }
  }
}

/** The reply when the dashboard's ignore record covers the proposal: what ignores it, and how to undo that. */
export function ignoredText(entry: IgnoreEntry): string {
  const source = entry.source === '' ? '' : ` (${entry.source})`;
  return (
    `This proposal is ignored: \`${entry.target}\` is on the ignore list of the "${DASHBOARD_TITLE}" issue${source}. ` +
    `To propose it again, tick its box there or comment \`/spark-tune unignore ${entry.target}\`, then run the command again.`
  );
}
