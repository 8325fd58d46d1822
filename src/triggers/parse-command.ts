import { AIRFLOW_ID } from '../config/airflow-id.js';

/** One way to read the command's target: a DAG id, and the task id after the dot if the split is there. */
export interface DagTarget {
  dag_id: string;
  task_id: string | null;
}

/** A parsed `/spark-tune` line. */
export type Command =
  | { kind: 'help' }
  /** `candidates`: the ways to split `target` into dag and task ids, the whole string as a dag id first. */
  | { kind: 'tune'; target: string; candidates: DagTarget[]; dry_run: boolean }
  /** `/spark-tune ignore|unignore <dag_id>[.<task_id>]`: edit the ignore record on the dashboard issue. */
  | { kind: 'ignore' | 'unignore'; target: string }
  /** `/spark-tune verify <dag_id>`: check merged changes against later runs. */
  | { kind: 'verify'; target: string }
  /** `message`: one line naming the problem and pointing to `/spark-tune help`. */
  | { kind: 'invalid'; message: string };

/** The command word, on a line of its own at the start of a comment line. */
export const COMMAND = '/spark-tune';
const FLAGS = new Set(['--dry-run']);
const HELP_HINT = 'see `/spark-tune help`.';

/**
 * Finds the `/spark-tune` command on a line of its own in a comment (quoted `> ` lines and code blocks do not
 * count); null when the comment has none.
 */
export function parseCommand(body: string): Command | null {
  const line = findCommandLine(body);
  if (line === null) return null;
  const args = line.slice(COMMAND.length).trim().split(/\s+/).filter((arg) => arg !== '');
  if (args[0] === 'help') return { kind: 'help' };
  const [word, ...rest] = args;
  if (word === 'ignore' || word === 'unignore' || word === 'verify') return parseRecordCommand(word, rest);
  const unknown = args.find((arg) => arg.startsWith('-') && !FLAGS.has(arg));
  if (unknown !== undefined) return invalid(`Unknown option ${code(unknown)}; ${HELP_HINT}`);
  const targets = args.filter((arg) => !arg.startsWith('-'));
  const target = targets[0];
  if (target === undefined) return invalid(`Name the DAG to tune, as in \`/spark-tune <dag_id>[.<task_id>]\`; ${HELP_HINT}`);
  if (targets.length > 1) return invalid(`Give one DAG id, not ${targets.length} (${targets.map(code).join(', ')}); ${HELP_HINT}`);
  const candidates = splitTarget(target);
  if (candidates.length === 0) {
    return invalid(`${code(target)} is not a valid Airflow DAG id (letters, digits, \`_\`, \`.\`, \`-\`; at most 250); ${HELP_HINT}`);
  }
  return { kind: 'tune', target, candidates, dry_run: args.includes('--dry-run') };
}

/** `ignore|unignore <dag_id>[.<task_id>]` and `verify <dag_id>`: exactly one valid id, no options. */
function parseRecordCommand(word: 'ignore' | 'unignore' | 'verify', args: string[]): Command {
  const usage = word === 'verify' ? '`/spark-tune verify <dag_id>`' : `\`/spark-tune ${word} <dag_id>[.<task_id>]\``;
  const [target, ...extra] = args;
  if (target === undefined || target.startsWith('-')) return invalid(`Name the DAG, as in ${usage}; ${HELP_HINT}`);
  if (extra.length > 0) return invalid(`${code(word)} takes one id, as in ${usage}; ${HELP_HINT}`);
  if (splitTarget(target).length === 0) {
    return invalid(`${code(target)} is not a valid Airflow DAG id (letters, digits, \`_\`, \`.\`, \`-\`; at most 250); ${HELP_HINT}`);
  }
  return { kind: word, target };
}

/** Every valid reading of `dag[.task]`: the whole string as a dag id first, then the splits at each dot, right to left. */
export function splitTarget(target: string): DagTarget[] {
  const candidates: DagTarget[] = [];
  if (AIRFLOW_ID.test(target)) candidates.push({ dag_id: target, task_id: null });
  for (let dot = target.lastIndexOf('.'); dot > 0; dot = target.lastIndexOf('.', dot - 1)) {
    const dagId = target.slice(0, dot);
    const taskId = target.slice(dot + 1);
    if (AIRFLOW_ID.test(dagId) && AIRFLOW_ID.test(taskId)) candidates.push({ dag_id: dagId, task_id: taskId });
  }
  return candidates;
}

function findCommandLine(body: string): string | null {
  let fence: string | null = null;
  for (const raw of body.split(/\r?\n/)) {
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence !== null) {
      if (opening?.[1] !== undefined && opening[1].startsWith(fence) && raw.trim() === opening[1]) fence = null;
      continue;
    }
    if (opening?.[1] !== undefined) {
      fence = opening[1];
      continue;
    }
    if (!/^ {0,3}\S/.test(raw)) continue; // blank, or an indented code block
    const line = raw.trim();
    if (line === COMMAND || line.startsWith(`${COMMAND} `) || line.startsWith(`${COMMAND}\t`)) return line;
  }
  return null;
}

function invalid(message: string): Command {
  return { kind: 'invalid', message };
}

/** Shows user input as inline code, cut short and without backticks, so it cannot break the reply's Markdown. */
function code(text: string): string {
  const clean = text.replace(/[`\r\n]/g, '');
  return `\`${clean.length > 60 ? `${clean.slice(0, 60)}…` : clean}\``;
}
