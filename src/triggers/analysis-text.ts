import type { TaskDiagnosis } from '../diagnose/types.js';
import { codeBlock, codeSpan, escapeInline } from '../narrate/markdown.js';
import type { Proposal } from '../publish/types.js';

/** GitHub refuses comments over 65,536 characters; stay well below. */
const MAX_REPLY = 60_000;
const MAX_DIFF = 20_000;

/** The dry-run reply: the change that would be proposed, its diff, and the pull request's description folded. */
export function dryRunText(proposal: Proposal): string {
  const diff = cut(proposal.diff, MAX_DIFF, '… (diff cut: too long for a comment)');
  const head = [
    '**Dry run**: no branch and no pull request were created. This is what spark-tuner would propose:',
    '',
    `**${escapeInline(proposal.title)}** in ${codeSpan(proposal.file_path)}`,
    '',
    codeBlock(diff, 'diff'),
  ].join('\n');
  const body = cut(proposal.body, MAX_REPLY - head.length - 100, '_(cut: too long for a comment)_');
  return `${head}\n\n<details><summary>Analysis</summary>\n\n${body}\n\n</details>`;
}

/** The findings and notes of each diagnosed task, as a short list (empty when there are none). */
export function findingsText(diagnoses: TaskDiagnosis[]): string {
  const lines = diagnoses.flatMap((diagnosis) => {
    const task = codeSpan(diagnosis.task_id);
    const runs = `${diagnosis.successful_runs_in_window} of ${diagnosis.runs_in_window} runs succeeded`;
    return [
      `- ${task} (${runs})`,
      ...diagnosis.findings.map((finding) => `  - ${plain(finding.title)}`),
      ...diagnosis.notes.map((note) => `  - ${plain(note)}`),
    ];
  });
  return lines.join('\n');
}

/** Text our own code wrote (messages, notes): Markdown kept, HTML neutralized. */
export function plain(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number, marker: string): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max))}\n${marker}` : text;
}
