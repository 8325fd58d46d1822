import { generateScenario, scenarios } from '../../generator/scenarios.js';
import { EXIT, type CliIo } from '../io.js';
import { intOption, parseCommandLine, UsageError } from '../usage-error.js';

const USAGE = 'spark-tuner generate <scenario> --out <dir> [--now ISO] [--seed N] | spark-tuner generate --list';

/** Writes realistic Spark 3.x event logs for a named scenario (the demo's and the benchmarks' data). */
export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    {
      args: argv,
      options: { out: { type: 'string' }, now: { type: 'string' }, seed: { type: 'string' }, list: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true,
    },
    USAGE,
  );
  if (values.list) {
    for (const [name, scenario] of Object.entries(scenarios)) io.stdout(`${name}\t${scenario.description}\n`);
    return EXIT.ok;
  }
  const [name] = positionals;
  if (!name || !values.out) throw new UsageError(`Give a scenario and --out. Usage: ${USAGE}`);
  if (!(name in scenarios)) throw new UsageError(`Unknown scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}.`);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date-time, not "${values.now}".`);
  const seed = values.seed === undefined ? undefined : intOption(values.seed, 'seed', 1);
  const written = await generateScenario(name, { outDir: values.out, now, seed });
  io.stderr(`Wrote ${written.length} event log(s) for scenario ${name} to ${values.out}.\n`);
  for (const file of written) io.stdout(`${file}\n`);
  return EXIT.ok;
}
