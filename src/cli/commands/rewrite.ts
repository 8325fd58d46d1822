import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inspectDagFile } from '../../dags/inspect-dag-file.js';
import { rewriteDag, unifiedDiff } from '../../dags/rewrite.js';
import type { SettingChange } from '../../dags/types.js';
import { EXIT, type CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage-error.js';

const USAGE_LINE = 'spark-tuner rewrite <file> --task T [--dag D] --set k=v [--set k=v …] [--write]';

interface RewriteArgs {
  file: string;
  task: string;
  dag: string | null;
  settings: SettingChange[];
  write: boolean;
}

/** The file cannot be edited safely: `refused: <reason>`, exit 3. */
class Refusal extends Error {
  override readonly name = 'Refusal';
}

/**
 * `spark-tuner rewrite`: edits Spark settings of one task in one DAG file (Python, or dag-factory YAML for
 * `.yml`/`.yaml`) and prints the unified diff.
 */
export async function rewriteCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseRewriteArgs(argv);
    if (!args) {
      io.stdout(`Usage: ${USAGE_LINE}\n`);
      return EXIT.ok;
    }
    return await runRewrite(args, io);
  } catch (error) {
    if (error instanceof Refusal) {
      io.stderr(`refused: ${error.message}\n`);
      return EXIT.refused;
    }
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`spark-tuner rewrite: ${error.message}\n`);
    return EXIT.badInput;
  }
}

async function runRewrite(args: RewriteArgs, io: CliIo): Promise<number> {
  const source = await readSource(args.file);
  const dagId = args.dag ?? (await pickDag(source, args.file, args.task));
  const result = await rewriteDag(source, dagId, [{ task_id: args.task, settings: args.settings }], { path: args.file });
  if (result.kind === 'refused') throw new Refusal(result.reason);
  for (const note of result.notes) io.stderr(`note: ${note}\n`);
  if (result.kind === 'unchanged') {
    io.stderr(`${args.file}: the requested values are already set for task ${args.task}; nothing to change\n`);
    return EXIT.ok;
  }
  io.stdout(unifiedDiff(diffPath(args.file), source, result.content));
  if (args.write) {
    await writeFile(args.file, result.content, 'utf8');
    io.stderr(`wrote ${args.file}\n`);
  }
  return EXIT.ok;
}

function parseRewriteArgs(argv: string[]): RewriteArgs | null {
  const options = {
    task: { type: 'string', multiple: true },
    dag: { type: 'string', multiple: true },
    set: { type: 'string', multiple: true },
    write: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  } as const;
  const { values, positionals } = parseCommandLine({ args: argv, allowPositionals: true, options }, USAGE_LINE);
  if (values.help) return null;
  const [file, extra] = positionals;
  if (!file || extra !== undefined) throw badInput('give exactly one DAG file');
  const task = single(values.task, '--task');
  if (!task) throw badInput('--task is required');
  if (!values.set || values.set.length === 0) throw badInput('give at least one --set key=value');
  return { file, task, dag: single(values.dag, '--dag'), settings: values.set.map(parseSetting), write: values.write };
}

function single(values: string[] | undefined, flag: string): string | null {
  if (!values || values.length === 0) return null;
  if (values.length > 1) throw badInput(`${flag} may be given only once`);
  const value = values[0] ?? '';
  if (value === '') throw badInput(`${flag} needs a value`);
  return value;
}

function parseSetting(text: string): SettingChange {
  const at = text.indexOf('=');
  const key = at === -1 ? '' : text.slice(0, at).trim();
  const value = at === -1 ? '' : text.slice(at + 1);
  if (!/^[\w.-]+$/.test(key) || value === '') throw badInput(`--set expects key=value, got "${text}"`);
  return { key, value };
}

async function readSource(file: string): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readFile(file));
  } catch (error) {
    const reason = error instanceof TypeError ? 'it is not UTF-8 text' : describeFsError(error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

/** Without `--dag`: the file's only DAG that has the task. */
async function pickDag(source: string, file: string, taskId: string): Promise<string> {
  const info = await inspectDagFile(source, file);
  if (info.kind === 'syntax-error') {
    throw new Refusal(`the file does not parse (syntax error at line ${info.line})`);
  }
  const withTask = info.dags.filter((dag) => dag.task_ids.includes(taskId));
  const names = (withTask.length > 0 ? withTask : info.dags).map((dag) => dag.dag_id).join(', ');
  if (withTask.length > 1) throw badInput(`task ${taskId} is in several DAGs of this file (${names}); choose one with --dag`);
  const only = withTask[0] ?? (info.dags.length === 1 ? info.dags[0] : undefined);
  if (only) return only.dag_id;
  if (info.dags.length === 0) throw new Refusal('no Airflow DAG is defined in this file');
  throw new Refusal(`task ${taskId} is not in any DAG of this file (${names})`);
}

function diffPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
  return shown.split(path.sep).join('/').replace(/^\/+/, '');
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function badInput(message: string): UsageError {
  return new UsageError(`${message}. Usage: ${USAGE_LINE}`);
}
