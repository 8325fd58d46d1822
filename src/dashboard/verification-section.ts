import { formatUsd } from '../format.js';
import { codeSpan, escapeInline, escapeNarrative } from '../narrate/markdown.js';
import type { DashboardContent, SavingLine } from './types.js';

/** The section of the body with the verification outcomes and the realized savings (replaced alone on a merge). */
export const VERIFICATION_SECTION = 'verification';

const HEADING = '## Verification and savings';
const NONE = 'No merged spark-tuner pull request to verify in the window (`verify.window_days`).';

type VerificationItem = DashboardContent['verification'][number];

/** The outcomes of the merged tuning PRs, one line each, then the realized savings per month of the verified ones. */
export function renderVerificationSection(items: VerificationItem[], savings: SavingLine[] = []): string {
  const lines = items.length === 0 ? [NONE] : items.map(verificationLine);
  return [HEADING, '', ...lines, ...savingsTable(savings)].join('\n');
}

/** One outcome line; its sentence may hold `code spans` (the rest is escaped). */
export function verificationLine(item: VerificationItem): string {
  return `- #${item.pr_number} ${codeSpan(item.dag_id)}: ${escapeNarrative(item.outcome.replace(/[\r\n]+/g, ' '))}`;
}

/** The section with `item`'s line added, or replacing the line of the same pull request; the rest is kept. */
export function withVerificationLine(section: string, item: VerificationItem): string {
  const lines = section.split('\n');
  const line = verificationLine(item);
  const same = lines.findIndex((each) => each.startsWith(`- #${item.pr_number} `));
  const none = lines.indexOf(NONE);
  if (same !== -1) lines[same] = line;
  else if (none !== -1) lines[none] = line;
  else {
    const last = lines.map((each) => each.startsWith('- #')).lastIndexOf(true);
    lines.splice(last === -1 ? lines.length : last + 1, 0, line);
  }
  return lines.join('\n');
}

/** Realized savings: GB-hours, core-hours and $ per month, measured on the runs before and after each change. */
function savingsTable(savings: SavingLine[]): string[] {
  if (savings.length === 0) return [];
  const sum = (pick: (s: SavingLine) => number): number => savings.reduce((total, s) => total + pick(s), 0);
  return [
    '',
    'Realized savings of the verified changes (measured runs before and after each merge, at the runs per day since):',
    '',
    '| Pull request | Task | GB-hours/month | Core-hours/month | $/month |',
    '|---|---|---:|---:|---:|',
    ...savings.map((s) => `| #${s.pr_number} | ${codeSpan(`${s.dag_id}.${s.task_id}`)} | ${s.gb_hours_per_month.toFixed(1)} | ${s.core_hours_per_month.toFixed(1)} | ${escapeInline(formatUsd(s.usd_per_month))} |`),
    `| **Total** | | ${sum((s) => s.gb_hours_per_month).toFixed(1)} | ${sum((s) => s.core_hours_per_month).toFixed(1)} | ${escapeInline(formatUsd(sum((s) => s.usd_per_month)))} |`,
  ];
}
