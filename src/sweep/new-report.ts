import type { RepoId } from '../publish/github/types.js';
import type { RepoReport } from './types.js';

/** A report with nothing in it yet: swept, no DAGs, empty lists. */
export function newReport(repo: RepoId): RepoReport {
  return {
    repo: { owner: repo.owner, repo: repo.repo },
    status: 'swept',
    reason: null,
    config_problems: [],
    notes: [],
    dags: 0,
    dags_with_runs: 0,
    open_prs: null,
    published: [],
    held_back: [],
    ignored: [],
    blocked: [],
    refused: [],
    dry_run: [],
    needs_person: [],
    failures: [],
    verification: [],
  };
}
