import { VERSION } from '../version.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { generateCommand } from './commands/generate.js';
import { reportCommand } from './commands/report.js';
import { rewriteCommand } from './commands/rewrite.js';
import { summarizeCommand } from './commands/summarize.js';
import { tuneCommand } from './commands/tune.js';
import { verifyCommand } from './commands/verify.js';
import { EXIT, processIo, type CliIo } from './io.js';
import { UsageError } from './usage-error.js';

interface Command {
  run(argv: string[], io: CliIo): Promise<number>;
  usage: string;
}

const COMMANDS: Record<string, Command> = {
  summarize: { run: summarizeCommand, usage: 'summarize <log or dir>... [--format table]   event logs → JSON Lines of summaries' },
  diagnose: {
    run: diagnoseCommand,
    usage: 'diagnose --event-logs <dir> [--dag D] [--task T] [--json] [--until DATE] [--group-by app-name]   findings per task',
  },
  rewrite: { run: rewriteCommand, usage: 'rewrite <file> --task T [--dag D] --set k=v [--write]   edit one DAG file' },
  tune: { run: tuneCommand, usage: 'tune --event-logs <dir> --repo <git dir> [--dag D] [--dry-run]   the whole pipeline' },
  verify: {
    run: verifyCommand,
    usage: 'verify --event-logs <dir> --repo <git dir> [--dag D] [--json]   before/after of merged spark-tuner branches',
  },
  report: { run: reportCommand, usage: 'report --savings --event-logs <dir> --repo <git dir> [--json]   realized savings per month' },
  generate: { run: generateCommand, usage: 'generate <scenario> --out <dir> | --list   write example event logs' },
};

const HELP = [
  `spark-tuner ${VERSION}: tunes the Spark configuration of Airflow DAGs from measured runs.`,
  '',
  'Usage: spark-tuner <command> [options]',
  '',
  ...Object.values(COMMANDS).map((command) => `  ${command.usage}`),
  '',
  'The GitHub App runs with `npm start`. See README.md.',
  '',
].join('\n');

/** Runs one CLI command; returns the exit code (0 ok, 1 failed, 2 bad input, 3 refused). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`spark-tuner: unknown command "${name}"; run \`spark-tuner --help\` for the commands.\n`);
    return EXIT.badInput;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`spark-tuner ${name}: ${error.message}\n`);
      return EXIT.badInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`spark-tuner ${name} failed: ${message}\n`);
    if (process.env.SPARK_TUNER_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT.failed;
  }
}
