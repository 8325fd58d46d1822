import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { RepoFiles } from '../dags/types.js';
import { DEFAULT_REPO_CONFIG, REPO_CONFIG_KEYS, REPO_CONFIG_TARGETS } from './repo-config-schema.js';
import { REPO_CONFIG_PATH, type RepoConfig, type RepoConfigResult } from './repo-config-types.js';

/** Validates the text of `.github/spark-tuner.yml`; every problem is reported and that key keeps its default. */
export function parseRepoConfig(text: string): Omit<RepoConfigResult, 'present'> {
  const config: RepoConfig = structuredClone(DEFAULT_REPO_CONFIG);
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { config, problems: [`${REPO_CONFIG_PATH} is not valid YAML (${reason}); using the defaults.`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config, problems: [`${REPO_CONFIG_PATH} must be a mapping of settings; using the defaults.`] };
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const schema = (REPO_CONFIG_KEYS as Record<string, z.ZodType>)[key];
    if (!schema) {
      problems.push(`Unknown setting \`${key}\` in ${REPO_CONFIG_PATH}; it is ignored.`);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      (config as unknown as Record<string, unknown>)[REPO_CONFIG_TARGETS[key] ?? key] = parsed.data;
    } else {
      problems.push(`\`${key}\` in ${REPO_CONFIG_PATH} ${describeIssue(parsed.error)}; using the default.`);
    }
  }
  return { config, problems };
}

/** Reads the repository's config; a missing file means the defaults (and `present: false`). */
export async function readRepoConfig(repo: RepoFiles): Promise<RepoConfigResult> {
  const paths = await repo.list();
  if (!paths.includes(REPO_CONFIG_PATH)) {
    return { config: structuredClone(DEFAULT_REPO_CONFIG), present: false, problems: [] };
  }
  return { ...parseRepoConfig(await repo.read(REPO_CONFIG_PATH)), present: true };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is not valid';
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return `is not valid${where}: ${issue.message}`;
}
