import picomatch from 'picomatch';
import type { RepoFiles } from '../../dags/types.js';

/** Where GitHub looks for CODEOWNERS, in its order: the first that exists is used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** Who owns a file: users to request as reviewers, and teams (slugs of `@org/team`). */
export interface Owners {
  users: string[];
  teams: string[];
}

interface Rule {
  matches: (path: string) => boolean;
  owners: string[];
}

/**
 * The owners of `path` under a CODEOWNERS text, as GitHub reads it: gitignore-style patterns, the LAST matching
 * line wins (a matching line with no owners means "no owners"); emails are skipped (they cannot be requested).
 */
export function ownersOf(codeowners: string, path: string): Owners {
  const rules = parseCodeowners(codeowners);
  let owners: string[] = [];
  for (const rule of rules) if (rule.matches(path)) owners = rule.owners;
  const users: string[] = [];
  const teams: string[] = [];
  for (const owner of owners) {
    const team = /^@[\w.-]+\/([\w.-]+)$/.exec(owner);
    if (team?.[1]) teams.push(team[1]);
    else if (/^@[\w-]+(\[bot\])?$/.test(owner)) users.push(owner.slice(1));
  }
  return { users: [...new Set(users)], teams: [...new Set(teams)] };
}

/** The first CODEOWNERS file of the repository, or null when it has none. */
export async function readCodeowners(files: RepoFiles): Promise<string | null> {
  const paths = new Set(await files.list());
  const found = CODEOWNERS_PATHS.find((path) => paths.has(path));
  return found === undefined ? null : files.read(found);
}

function parseCodeowners(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const [pattern, ...owners] = line.split(/\s+/);
    if (pattern === undefined || pattern.startsWith('!') || pattern.includes('[')) continue; // not supported by GitHub
    rules.push({ matches: patternMatcher(pattern.replace(/\\#/g, '#')), owners });
  }
  return rules;
}

/**
 * A CODEOWNERS pattern as globs. Like .gitignore: a leading or middle `/` anchors it at the root, otherwise it
 * matches at any depth; a trailing `/` means a directory (everything below). Unlike .gitignore, `docs/*` owns the
 * files directly in `docs/` but not deeper ones, so only a pattern whose last segment has no `*` also owns what
 * lies below a directory of that name.
 */
export function patternMatcher(pattern: string): (path: string) => boolean {
  const directory = pattern.endsWith('/');
  const trimmed = pattern.replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '*' || trimmed === '**') return () => true;
  const anchored = trimmed.includes('/');
  const base = `${anchored ? '' : '**/'}${trimmed.replace(/^\//, '')}`;
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  const globs = directory ? [`${base}/**`] : lastSegment.includes('*') ? [base] : [base, `${base}/**`];
  return picomatch(globs, { dot: true });
}
