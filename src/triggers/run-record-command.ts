import { readConfigFile } from '../config/read-config-file.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-types.js';
import { undoneBy, withEntry } from '../dashboard/ignore-entry.js';
import { editIgnores } from '../dashboard/ignore-record.js';
import { emptyDashboard } from '../dashboard/types.js';
import type { DashboardOutcome } from '../dashboard/sync-dashboard.js';
import { plain } from './analysis-text.js';
import { reply, type CommentContext } from './command-context.js';
import { failureText } from './failure-text.js';
import type { Command } from './parse-command.js';
import type { CommandDeps } from './types.js';
import { verifyCommandText } from './verify-command-text.js';

/** `/spark-tune ignore|unignore|verify <target>`. */
export type RecordCommand = Extract<Command, { kind: 'ignore' | 'unignore' | 'verify' }>;

/**
 * Edits the ignore record on the dashboard issue (run from the job queue, one at a time per repository), then
 * replies to the requester. Never throws: a failure becomes one sentence, the details go to the log.
 */
export async function runRecordCommand(context: CommentContext, command: RecordCommand, deps: CommandDeps): Promise<void> {
  const requester = context.payload.comment.user?.login ?? context.payload.sender.login;
  let text: string;
  try {
    text = await record(context, command, requester, deps);
  } catch (error) {
    context.log.error({ err: error, command: command.kind, target: command.target }, 'spark-tuner command failed');
    text = failureText(error, context.id);
  }
  await reply(context, `@${requester} ${text}`);
}

async function record(context: CommentContext, command: RecordCommand, requester: string, deps: CommandDeps): Promise<string> {
  if (command.kind === 'verify') return verifyCommandText(context, command.target, deps);
  const repo = context.repo();
  const { config, problems } = await readConfigFile(context.octokit, repo);
  if (problems.length > 0) context.log.warn({ problems }, 'spark-tuner config problems');
  const notes = problems.length === 0 ? '' : `\n\nNotes:\n${problems.map((problem) => `- ${plain(problem)}`).join('\n')}`;
  if (!config.dashboard) {
    return `The dashboard issue is turned off (\`dashboard: false\` in \`${REPO_CONFIG_PATH}\`), and it is where ignores are kept; use \`ignore:\` in \`${REPO_CONFIG_PATH}\` instead.${notes}`;
  }
  const login = await deps.botLogin();
  const { target } = command;
  if (command.kind === 'ignore') {
    const entry = { target, fingerprint: null, summary: '', source: `/spark-tune ignore by ${requester}` };
    const edit = await editIgnores(context.octokit, repo, login, (entries) => withEntry(entries, entry), { ...emptyDashboard(), config_problems: problems });
    if (edit.after.length === edit.before.length) return `\`${target}\` is already ignored${where(edit.outcome)}.${notes}`;
    return `spark-tuner will not propose changes for \`${target}\` any more${where(edit.outcome)}. To undo it, tick its box there or comment \`/spark-tune unignore ${target}\`.${notes}`;
  }
  const edit = await editIgnores(context.octokit, repo, login, (entries) => entries.filter((entry) => !undoneBy(entry, target)));
  const removed = edit.before.length - edit.after.length;
  if (removed === 0) return `Nothing is ignored for \`${target}\`${where(edit.outcome)}.${notes}`;
  return `\`${target}\` is no longer ignored (${removed} ${removed === 1 ? 'entry' : 'entries'} removed${where(edit.outcome)}); the next sweep or \`/spark-tune ${target}\` may propose it again.${notes}`;
}

function where(outcome: DashboardOutcome): string {
  return 'number' in outcome ? ` on the dashboard #${outcome.number}` : '';
}
