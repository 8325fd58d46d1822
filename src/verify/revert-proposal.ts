import { createHash } from 'node:crypto';
import type { AppliedEdit } from '../dags/types.js';
import { unifiedDiff } from '../dags/unified-diff.js';
import { codeSpan, escapeInline } from '../narrate/markdown.js';
import type { Proposal } from '../publish/types.js';
import { renderVerification } from './render-table.js';
import type { TaskVerification } from './types.js';

const REVERT_OF = /<!--\s*spark-tuner:revert-of=(\d+)\s*-->/;

/** `<!-- spark-tuner:revert-of=N -->`: the revert pull request of merged PR #N (there is never a second one). */
export function revertMarker(prNumber: number): string {
  return `<!-- spark-tuner:revert-of=${prNumber} -->`;
}

/** The merged PR a revert pull request's body reverts, or null. */
export function readRevertOf(body: string | null | undefined): number | null {
  const found = REVERT_OF.exec(body ?? '')?.[1];
  return found === undefined ? null : Number(found);
}

export interface RevertInput {
  dag_id: string;
  file_path: string;
  old_content: string;
  new_content: string;
  /** The restoring edits: old_value is the proposed value, new_value the previous one. */
  edits: AppliedEdit[];
  /** The merged pull request that regressed. */
  pr: { number: number; url: string };
  /** The regressed tasks' verifications: the evidence. */
  evidence: TaskVerification[];
  /** `labels:` of the repository config; `reliability` is added. */
  labels: string[];
}

/** The revert pull request of a regressed tuning: title, body with the evidence and the marker, commit message. */
export function revertProposal(input: RevertInput): Proposal {
  const { dag_id: dagId, edits, pr } = input;
  const [first] = edits;
  const change = first ? `${first.key} ${first.old_value ?? 'unset'} → ${first.new_value}${edits.length > 1 ? ` (+${edits.length - 1} more)` : ''}` : '';
  const tasks = [...new Set(edits.map((edit) => edit.task_id))];
  const target = tasks.length === 1 ? `${dagId}.${tasks[0]}` : dagId;
  const title = `Revert tuning of ${target}: ${change}`;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ revert_of: pr.number, dagId, path: input.file_path, edits: edits.map((e) => [e.task_id, e.key, e.new_value]) }))
    .digest('hex')
    .slice(0, 16);
  const rows = edits.map((edit) => `| ${escapeInline(edit.task_id)} | ${codeSpan(edit.key)} | ${codeSpan(edit.old_value ?? 'unset')} | ${codeSpan(edit.new_value)} |`);
  const body = [
    `spark-tuner verified #${pr.number} on the runs after its merge, and they got worse. This pull request restores the previous values in ${codeSpan(input.file_path)}, exactly as they were written before #${pr.number}.`,
    '',
    '| Task | Setting | Now | Restored |',
    '|---|---|---|---|',
    ...rows,
    '',
    '## Evidence',
    '',
    ...input.evidence.map(renderVerification),
    '## Safety',
    '',
    `Only the value characters of these settings change; nothing else in the file. If the regression had another cause, close this pull request: spark-tuner will not open it again for #${pr.number}.`,
    '',
    revertMarker(pr.number),
    '',
  ].join('\n');
  const lines = edits.map((edit) => `- ${edit.task_id}: ${edit.key} ${edit.old_value ?? 'unset'} → ${edit.new_value}`);
  return {
    dag_id: dagId,
    file_path: input.file_path,
    old_content: input.old_content,
    new_content: input.new_content,
    diff: unifiedDiff(input.file_path, input.old_content, input.new_content),
    title,
    body,
    commit_message: [title, '', `The runs after #${pr.number} regressed; spark-tuner restores the previous values:`, '', ...lines, '', `Spark-Tuner-Revert-Of: #${pr.number}`, ''].join('\n'),
    fingerprint,
    labels: [...new Set([...input.labels, 'reliability'])],
    edits,
  };
}
