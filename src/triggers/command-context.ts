import type { Context } from 'probot';

/** The webhook context of a comment command (Probot's, narrowed to the event). */
export type CommentContext = Context<'issue_comment.created'>;

/** Posts a comment on the issue or pull request where the command was written. */
export async function reply(context: CommentContext, body: string): Promise<void> {
  await context.octokit.rest.issues.createComment(context.issue({ body }));
}
