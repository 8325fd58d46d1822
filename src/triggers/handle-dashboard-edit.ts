import type { Context } from 'probot';
import { readIgnoreLines, replaceSection } from '../dashboard/body-markers.js';
import { findDashboard } from '../dashboard/find-dashboard.js';
import { IGNORED_SECTION, renderIgnored } from '../dashboard/render-dashboard.js';
import { writeIfChanged } from '../dashboard/sync-dashboard.js';
import type { CommandDeps } from './types.js';

export type IssueEditedContext = Context<'issues.edited'>;

/**
 * `issues.edited` on the dashboard by a person: each ticked ignore box un-ignores its proposal (the entry leaves
 * the record, so the next sweep or command may propose it again). The app's own edits are not handled (no loop),
 * and the body is read again before writing, so a concurrent edit is not lost.
 */
export async function handleDashboardEdit(context: IssueEditedContext, deps: Pick<CommandDeps, 'queue' | 'botLogin'>): Promise<void> {
  if (context.isBot) return;
  const { issue } = context.payload;
  if (!readIgnoreLines(issue.body).some((line) => line.ticked)) return;
  const botLogin = await deps.botLogin();
  if (issue.user?.login !== botLogin) return;
  const repo = context.repo();
  deps.queue.enqueue(`${repo.owner}/${repo.repo}#dashboard`, async () => {
    const dashboard = await findDashboard(context.octokit, repo, botLogin);
    if (dashboard?.number !== issue.number) return;
    const lines = readIgnoreLines(dashboard.body);
    const kept = lines.filter((line) => !line.ticked).map((line) => line.entry);
    const undone = lines.filter((line) => line.ticked).map((line) => line.entry.target);
    await writeIfChanged(context.octokit, repo, dashboard, replaceSection(dashboard.body, IGNORED_SECTION, renderIgnored(kept)));
    context.log.info({ issue: issue.number, undone, by: context.payload.sender.login }, 'spark-tuner un-ignored proposals from the dashboard');
  });
}
