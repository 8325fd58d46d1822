import type { Context } from 'probot';
import { readConfigFile } from '../config/read-config-file.js';
import { withEntry, type IgnoreEntry } from '../dashboard/ignore-entry.js';
import { editIgnores } from '../dashboard/ignore-record.js';
import { emptyDashboard } from '../dashboard/types.js';
import { codeSpan, escapeInline } from '../narrate/markdown.js';
import { readFingerprint } from '../publish/github/fingerprint-marker.js';
import { tuningBranchDag } from './tuning-branch.js';
import type { CommandDeps } from './types.js';

export type PullRequestClosedContext = Context<'pull_request.closed'>;

/** Marks the app's comment on a declined PR, so that it is written once. */
export const DECLINED_MARKER = '<!-- spark-tuner:declined -->';

/**
 * `pull_request.closed`: a spark-tuner PR (branch `spark-tuner/*`, opened by the app) closed without merging means
 * "ignore this proposal". The app records it on the dashboard issue (until a different value is proposed or a
 * person undoes it) and comments once on the PR saying what it ignores and how to undo it.
 */
export async function handlePullRequestClosed(context: PullRequestClosedContext, deps: Pick<CommandDeps, 'queue' | 'botLogin'>): Promise<void> {
  const pr = context.payload.pull_request;
  const dagId = tuningBranchDag(pr.head.ref);
  if (pr.merged || dagId === null) return;
  if (pr.user?.login !== (await deps.botLogin())) return;
  const repo = context.repo();
  deps.queue.enqueue(`${repo.owner}/${repo.repo}#dashboard`, () => recordDeclined(context, dagId, deps));
}

async function recordDeclined(context: PullRequestClosedContext, dagId: string, deps: Pick<CommandDeps, 'botLogin'>): Promise<void> {
  const pr = context.payload.pull_request;
  const repo = context.repo();
  const entry = declinedEntry(pr, dagId);
  const { config, problems } = await readConfigFile(context.octokit, repo);
  if (problems.length > 0) context.log.warn({ problems }, 'spark-tuner config problems');
  let dashboard: number | null = null;
  if (config.dashboard) {
    const edit = await editIgnores(context.octokit, repo, await deps.botLogin(), (entries) => withEntry(entries, entry), {
      ...emptyDashboard(),
      config_problems: problems,
    });
    dashboard = 'number' in edit.outcome ? edit.outcome.number : null;
  }
  context.log.info({ pr: pr.number, target: entry.target, dashboard }, 'spark-tuner recorded a declined proposal');
  if (await alreadyCommented(context)) return;
  await context.octokit.rest.issues.createComment(context.issue({ body: declinedText(entry, dashboard) }));
}

/** The ignore entry of a declined PR: its target from the branch's DAG and the title, the proposal from its fingerprint. */
function declinedEntry(pr: { number: number; title: string; body: string | null }, dagId: string): IgnoreEntry {
  const task = pr.title.startsWith(`Tune ${dagId}.`) ? /^([^:\s]+):/.exec(pr.title.slice(`Tune ${dagId}.`.length))?.[1] : undefined;
  return {
    target: task ? `${dagId}.${task}` : dagId,
    fingerprint: readFingerprint(pr.body),
    summary: pr.title,
    source: `#${pr.number} closed without merging`,
  };
}

/** What is ignored and how to undo it; with the dashboard off, the closed PR itself is the record. */
export function declinedText(entry: IgnoreEntry, dashboard: number | null): string {
  const what = `spark-tuner will not propose this again for ${codeSpan(entry.target)}: ${escapeInline(entry.summary.replace(/^Tune [^:]+: /, ''))}.`;
  const scope = entry.fingerprint === null
    ? ''
    : ' A different proposal (other values, once the measured runs change) will still be proposed.';
  const undo = dashboard === null
    ? ' To undo it, reopen this pull request.'
    : ` It is listed on the dashboard #${dashboard}. To undo it, tick its box there or comment \`/spark-tune unignore ${entry.target}\`.`;
  return `${DECLINED_MARKER}\n${what}${scope}${undo}`;
}

async function alreadyCommented(context: PullRequestClosedContext): Promise<boolean> {
  const { data } = await context.octokit.rest.issues.listComments(context.issue({ per_page: 100 }));
  return data.some((comment) => comment.body?.includes(DECLINED_MARKER));
}
