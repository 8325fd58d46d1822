/**
 * One ignored proposal, as the dashboard issue records it (the app keeps no state of its own: the record is the
 * issue body, where people see it and tick a box to undo it).
 */
export interface IgnoreEntry {
  /** `dag_id` or `dag_id.task_id`, as the command or the pull request named it. */
  target: string;
  /** Only this exact proposal (its fingerprint: file, settings, values); null: every proposal for the target. */
  fingerprint: string | null;
  /** What was proposed, one line for people (e.g. the pull request's title); empty for a command. */
  summary: string;
  /** Where it came from, e.g. `#7 closed without merging` or `/spark-tune ignore by @octocat`. */
  source: string;
}

/** A proposal as the ignore check sees it. */
export interface ProposalIdentity {
  dag_id: string;
  /** The tasks it changes. */
  task_ids: string[];
  fingerprint: string;
}

/**
 * The entry that ignores this proposal, or null. An entry from a closed pull request holds the proposal's
 * fingerprint: a different proposed value makes a different fingerprint, so the evidence changing materially
 * lifts the ignore. An entry from `/spark-tune ignore` holds none and ignores every proposal for its DAG or task.
 */
export function isIgnored(entries: IgnoreEntry[], proposal: ProposalIdentity): IgnoreEntry | null {
  const targets = new Set([proposal.dag_id, ...proposal.task_ids.map((task) => `${proposal.dag_id}.${task}`)]);
  return (
    entries.find((entry) => {
      if (entry.fingerprint !== null) return entry.fingerprint === proposal.fingerprint;
      return targets.has(entry.target);
    }) ?? null
  );
}

/** True when `entry` is undone by `/spark-tune unignore <target>`: its target, or a task of that DAG. */
export function undoneBy(entry: IgnoreEntry, target: string): boolean {
  return entry.target === target || entry.target.startsWith(`${target}.`);
}

/** The entries with `entry` added, unless an equal one (same target and fingerprint) is already there. */
export function withEntry(entries: IgnoreEntry[], entry: IgnoreEntry): IgnoreEntry[] {
  const same = entries.some((e) => e.target === entry.target && e.fingerprint === entry.fingerprint);
  return same ? entries : [...entries, entry];
}
