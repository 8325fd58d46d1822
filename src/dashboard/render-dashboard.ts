import { REPO_CONFIG_PATH } from '../config/repo-config-types.js';
import { codeSpan, escapeInline } from '../narrate/markdown.js';
import { DASHBOARD_MARKER, ignoreMarker, wrapSection } from './body-markers.js';
import type { IgnoreEntry } from './ignore-entry.js';
import type { DashboardContent } from './types.js';
import { renderVerificationSection, VERIFICATION_SECTION } from './verification-section.js';

export const DASHBOARD_TITLE = 'Spark tuning dashboard';
/** The section of the body that holds the ignore record; only it is rewritten when ignores change. */
export const IGNORED_SECTION = 'ignored';

/** The dashboard issue's body (pure): equal inputs give equal bodies, so an unchanged dashboard is never edited. */
export function renderDashboard(content: DashboardContent, ignores: IgnoreEntry[]): string {
  return [
    DASHBOARD_MARKER,
    'This issue lists what spark-tuner is doing in this repository, like Renovate\'s Dependency Dashboard. The app keeps it up to date; close it to stop the updates.',
    configSection(content.config_problems),
    section('Open tuning pull requests', content.open_prs.map((pr) => `- #${pr.number} ${escapeInline(pr.title)}`)),
    section(
      'Held back by limits',
      content.held_back.map((item) => `- ${codeSpan(item.dag_id)}: ${escapeInline(item.title)} (${escapeInline(item.reason)})`),
    ),
    wrapSection(IGNORED_SECTION, renderIgnored(ignores)),
    section(
      'Findings that need a person',
      content.needs_person.map((item) => `- ${codeSpan(target(item.dag_id, item.task_id))}: ${escapeInline(item.finding)}`),
    ),
    section('Refused edits', content.refused.map((item) => `- ${codeSpan(item.dag_id)}: ${escapeInline(item.reason)}`)),
    wrapSection(VERIFICATION_SECTION, renderVerificationSection(content.verification, content.savings ?? [])),
  ]
    .filter((block) => block !== '')
    .join('\n\n')
    .concat('\n');
}

/** The ignored proposals, each with a checkbox (ticking it un-ignores) and its hidden machine-readable marker. */
export function renderIgnored(ignores: IgnoreEntry[]): string {
  const heading = '## Ignored proposals';
  if (ignores.length === 0) return `${heading}\n\nNone. \`/spark-tune ignore <dag_id>[.<task_id>]\` adds one.`;
  const help = 'Tick a box to un-ignore it (or comment `/spark-tune unignore <dag_id>[.<task_id>]`): the next sweep or command may propose it again.';
  const lines = ignores.map((entry) => {
    const what = entry.summary === '' ? 'every proposal' : escapeInline(entry.summary);
    const source = entry.source === '' ? '' : ` (${escapeInline(entry.source)})`;
    return `- [ ] ${codeSpan(entry.target)}: ${what}${source} ${ignoreMarker(entry)}`;
  });
  return [heading, '', help, '', ...lines].join('\n');
}

function configSection(problems: string[]): string {
  if (problems.length === 0) return '';
  const lines = problems.map((problem) => `- ${escapeInline(problem)}`);
  return [`## Problems in \`${REPO_CONFIG_PATH}\``, '', 'The defaults are used for these settings:', '', ...lines].join('\n');
}

function section(heading: string, lines: string[]): string {
  return [`## ${heading}`, '', ...(lines.length === 0 ? ['None.'] : lines)].join('\n');
}

function target(dagId: string, taskId: string | null): string {
  return taskId === null ? dagId : `${dagId}.${taskId}`;
}
