import { readConfigFile } from '../config/read-config-file.js';
import { escapeNarrative } from '../narrate/markdown.js';
import { readBaseSnapshot } from '../publish/github/base-snapshot.js';
import { renderVerification } from '../verify/render-table.js';
import { verifyMergedPrs } from '../verify/github/verify-merged.js';
import type { CommentContext } from './command-context.js';
import type { CommandDeps } from './types.js';

/**
 * `/spark-tune verify <dag_id>`: the same check as the sweep for that DAG's merged PRs in the window (a final
 * verdict is commented and labelled on the PR once, a regression reverted), answered with the before/after tables.
 */
export async function verifyCommandText(context: CommentContext, dagId: string, deps: CommandDeps): Promise<string> {
  const metrics = deps.metricsSource();
  if (!metrics.ok) return metrics.message;
  const repo = context.repo();
  const { config } = await readConfigFile(context.octokit, repo);
  const days = config.verify.window_days;
  const outcomes = await verifyMergedPrs({
    octokit: context.octokit,
    repo,
    config,
    source: metrics.source,
    now: deps.clock(),
    botLogin: await deps.botLogin(),
    base: () => readBaseSnapshot(context.octokit, repo, context.payload.repository.default_branch),
    dag_id: dagId,
    recheck: true,
  });
  if (outcomes.length === 0) return `There is no merged spark-tuner pull request for \`${dagId}\` in the last ${days} days.`;
  const parts = outcomes.map((outcome) => {
    const heading = `#${outcome.pr.number}`;
    if (outcome.verifications.length === 0) return `${heading}: ${outcome.sentence}`;
    const revert = outcome.revert ? ['', escapeNarrative(outcome.revert.sentence)] : [];
    return [`${heading}${outcome.verdict === null ? ': not decided yet' : `: ${outcome.verdict}`}`, ...revert, '', ...outcome.verifications.map(renderVerification)].join('\n');
  });
  return `Verification of the merged spark-tuner pull requests for \`${dagId}\` (last ${days} days):\n\n${parts.join('\n\n')}`;
}
