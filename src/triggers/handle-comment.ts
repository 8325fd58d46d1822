import { canRunCommands } from './check-permission.js';
import { reply, type CommentContext } from './command-context.js';
import { parseCommand } from './parse-command.js';
import { HELP_TEXT, refusalText } from './replies.js';
import { runRecordCommand } from './run-record-command.js';
import { runTuneCommand } from './run-tune-command.js';
import type { CommandDeps } from './types.js';

/**
 * `issue_comment.created`: answers `/spark-tune` from people with write access. Quick steps only (permission,
 * 👀, help); the tuning itself is queued to run after the webhook was answered (GitHub gives up after ~9 s).
 */
export async function handleComment(context: CommentContext, deps: CommandDeps): Promise<void> {
  if (context.isBot) return;
  const command = parseCommand(context.payload.comment.body);
  if (command === null) return;
  const login = context.payload.comment.user?.login;
  if (!login) return;
  const repo = context.repo();
  if (!(await canRunCommands(context.octokit, repo, login))) {
    context.log.info({ user: login }, 'spark-tuner command refused: no write access');
    await reply(context, refusalText(login));
    return;
  }
  await acknowledge(context);
  if (command.kind === 'help') return reply(context, HELP_TEXT);
  if (command.kind === 'invalid') return reply(context, command.message);
  if (command.kind !== 'tune') {
    // Ignore edits share the dashboard issue: one at a time per repository.
    deps.queue.enqueue(`${repo.owner}/${repo.repo}#dashboard`, () => runRecordCommand(context, command, deps));
    return;
  }
  context.log.info({ target: command.target, dry_run: command.dry_run }, 'spark-tuner command queued');
  deps.queue.enqueue(queueKey(repo, command.target), () => runTuneCommand(context, command, deps));
}

/**
 * `owner/repo#<dag>`, where `<dag>` is the target up to its first dot: a prefix of every dag id the target can
 * mean, so two commands that could touch the same branch never run at the same time.
 */
export function queueKey(repo: { owner: string; repo: string }, target: string): string {
  return `${repo.owner}/${repo.repo}#${target.split('.')[0]}`;
}

async function acknowledge(context: CommentContext): Promise<void> {
  try {
    await context.octokit.rest.reactions.createForIssueComment(
      context.repo({ comment_id: context.payload.comment.id, content: 'eyes' as const }),
    );
  } catch (error) {
    context.log.warn({ err: error }, 'spark-tuner could not add the 👀 reaction');
  }
}
