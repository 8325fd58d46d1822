import { readRepoConfig } from '../config/read-repo-config.js';
import { REPO_CONFIG_PATH, type RepoConfig } from '../config/repo-config-types.js';
import { isIgnored, type IgnoreEntry } from '../dashboard/ignore-entry.js';
import { readIgnores } from '../dashboard/ignore-record.js';
import { readBaseSnapshot, type BaseSnapshot } from '../publish/github/base-snapshot.js';
import { publishProposal } from '../publish/github/publish-proposal.js';
import type { Proposal } from '../publish/types.js';
import { dryRunText, findingsText, plain } from './analysis-text.js';
import { reply, type CommentContext } from './command-context.js';
import { failureText } from './failure-text.js';
import type { Command } from './parse-command.js';
import { planTarget, type PlannedTarget } from './plan-target.js';
import { ignoredText, outcomeText } from './replies.js';
import type { CommandDeps } from './types.js';

/** A `/spark-tune <target>` command that passed parsing. */
export type TuneCommand = Extract<Command, { kind: 'tune' }>;

/**
 * The slow part of `/spark-tune`, run from the job queue after the webhook was acknowledged: plan the change
 * and publish it (or only describe it on a dry run), then reply to the requester. Never throws for a failed step:
 * the requester gets one sentence saying what went wrong and the log gets the details.
 */
export async function runTuneCommand(context: CommentContext, command: TuneCommand, deps: CommandDeps): Promise<void> {
  const requester = context.payload.comment.user?.login ?? context.payload.sender.login;
  let text: string;
  try {
    text = await tune(context, command, deps);
  } catch (error) {
    context.log.error({ err: error, target: command.target }, 'spark-tuner command failed');
    text = failureText(error, context.id);
  }
  await reply(context, `@${requester} ${text}`);
}

async function tune(context: CommentContext, command: TuneCommand, deps: CommandDeps): Promise<string> {
  const source = deps.metricsSource();
  if (!source.ok) return source.message;
  const repo = context.repo();
  const base = await readBaseSnapshot(context.octokit, repo, context.payload.repository.default_branch);
  const { config, problems } = await readRepoConfig(base.files);
  const notes = [...problems, ...(await base.files.problems())];
  if (!config.enabled) return `spark-tuner is turned off in this repository (\`enabled: false\` in \`${REPO_CONFIG_PATH}\`).`;
  const planned = await planTarget({
    candidates: command.candidates,
    source: source.source,
    files: base.files,
    config,
    planner: deps.planner,
    until: deps.clock(),
  });
  context.log.info({ result: planned.result.kind, dag: planned.target.dag_id, task: planned.target.task_id }, 'spark-tuner planned');
  logProblems(context, planned.metric_problems);
  const text = await act(context, planned, base, { dry_run: command.dry_run || config.dry_run, deps, config });
  return withNotes(text, notes, planned.metric_problems.length);
}

async function act(
  context: CommentContext,
  planned: PlannedTarget,
  base: BaseSnapshot,
  options: { dry_run: boolean; deps: CommandDeps; config: RepoConfig },
): Promise<string> {
  const { result } = planned;
  switch (result.kind) {
    case 'not-found':
      return plain(result.message);
    case 'no-change':
      return joinBlocks(plain(result.message), findingsText(result.diagnoses));
    case 'refused':
      return joinBlocks(`A change is due, but spark-tuner cannot edit the DAG file safely: ${plain(result.reason)}`, findingsText(result.diagnoses));
    case 'proposal': {
      if (options.dry_run) return dryRunText(result.proposal);
      const { dashboard, reviewers } = options.config;
      if (dashboard) {
        const ignored = await ignoredBy(context, result.proposal, options.deps.botLogin);
        if (ignored !== null) return ignoredText(ignored);
      }
      const outcome = await publishProposal(context.octokit, context.repo(), result.proposal, {
        base,
        botLogin: options.deps.botLogin,
        reviewers,
        respectDeclined: !dashboard,
      });
      context.log.info({ outcome: outcome.kind, pr: outcome.pr?.number, dag: result.proposal.dag_id }, 'spark-tuner published');
      return outcomeText(outcome);
    }
  }
}

/** The dashboard's ignore entry that covers this proposal, or null. */
async function ignoredBy(context: CommentContext, proposal: Proposal, botLogin: () => Promise<string>): Promise<IgnoreEntry | null> {
  const entries = await readIgnores(context.octokit, context.repo(), await botLogin());
  const task_ids = [...new Set(proposal.edits.map((edit) => edit.task_id))];
  return isIgnored(entries, { dag_id: proposal.dag_id, task_ids, fingerprint: proposal.fingerprint });
}

function logProblems(context: CommentContext, problems: string[]): void {
  if (problems.length === 0) return;
  context.log.warn({ problems: problems.slice(0, 50), count: problems.length }, 'spark-tuner skipped unreadable metrics inputs');
}

function withNotes(text: string, notes: string[], unreadable: number): string {
  const lines = notes.map((note) => `- ${plain(note)}`);
  if (unreadable > 0) lines.push(`- ${unreadable} metrics inputs could not be read and were skipped; the app's log lists them.`);
  return lines.length === 0 ? text : joinBlocks(text, `Notes:\n${lines.join('\n')}`);
}

function joinBlocks(...blocks: string[]): string {
  return blocks.filter((block) => block !== '').join('\n\n');
}
