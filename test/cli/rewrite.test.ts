import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteCommand } from '../../src/cli/commands/rewrite.js';
import type { CliIo } from '../../src/cli/io.js';

const FIXTURES = fileURLToPath(new URL('../dags/fixtures/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'spark-tuner-rewrite-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  const code = await rewriteCommand(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A copy of a fixture's input (`input.py`, or `input.yml` for dag-factory) in a temporary directory. */
function copyOf(fixture: string, input = 'input.py'): string {
  const file = path.join(work, `${fixture}${path.extname(input)}`);
  copyFileSync(path.join(FIXTURES, fixture, input), file);
  return file;
}

function fixtureText(fixture: string, name: string): string {
  return readFileSync(path.join(FIXTURES, fixture, name), 'utf8');
}

describe('spark-tuner rewrite', () => {
  it('prints a unified diff and leaves the file alone without --write', async () => {
    const file = copyOf('classic-with-dag');
    const result = await run([file, '--task', 'load_orders', '--set', 'spark.executor.memory=8g']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-            "spark.executor.memory": "16g",\n+            "spark.executor.memory": "8g",\n');
    expect(result.stdout).toMatch(/^--- a\/.*classic-with-dag\.py\n\+\+\+ b\/.*classic-with-dag\.py\n@@ /);
    expect(readFileSync(file, 'utf8')).toBe(fixtureText('classic-with-dag', 'input.py'));
  });

  it('writes the file in place with --write, byte for byte (CRLF kept)', async () => {
    const file = copyOf('crlf-line-endings');
    const result = await run([file, '--task', 'export_reports', '--set', 'spark.sql.shuffle.partitions=64', '--write']);
    expect(result.code).toBe(0);
    expect(readFileSync(file)).toEqual(readFileSync(path.join(FIXTURES, 'crlf-line-endings', 'expected.py')));
    expect(result.stderr).toContain(`wrote ${file}`);
  });

  it('says so, prints nothing and exits 0 when the values are already set', async () => {
    const file = copyOf('already-set-unchanged');
    const result = await run([file, '--task', 'load', '--set', 'spark.executor.memory=8g']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: expect.stringContaining('already set') });
  });

  it('prints the refusal on stderr and exits 3', async () => {
    const file = copyOf('f-string-refused');
    const result = await run([file, '--task', 'load_rates', '--set', 'spark.executor.memory=8g']);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: 'refused: the value of spark.executor.memory for task load_rates is built by an f-string (line 12)\n',
    });
  });

  it('asks for --dag when several DAGs of the file have the task', async () => {
    const file = copyOf('several-dags-in-one-file');
    const result = await run([file, '--task', 'load_orders', '--set', 'spark.executor.memory=24g']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/task load_orders is in several DAGs of this file \(orders_daily, orders_backfill\); choose one with --dag/);
  });

  it('edits the DAG named by --dag', async () => {
    const file = copyOf('several-dags-in-one-file');
    const argv = [file, '--dag', 'orders_backfill', '--task', 'load_orders', '--set', 'spark.executor.memory=24g', '--write'];
    expect((await run(argv)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixtureText('several-dags-in-one-file', 'expected.py'));
  });

  it('applies several --set at once and shows overridden occurrences as notes', async () => {
    const file = copyOf('dedicated-argument-wins');
    const result = await run([file, '--task', 'score_accounts', '--set', 'spark.executor.memory=12g', '--set', 'spark.executor.cores=2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+        conf={"spark.executor.memory": "8g", "spark.executor.cores": "2"},\n');
    expect(result.stdout).toContain('+        executor_memory="12g",\n');
    expect(result.stderr).toContain('note: task score_accounts also sets spark.executor.memory = 8g in its conf entry (line 10)');
  });

  it.each([
    [['--task', 't', '--set', 'a=b'], /give exactly one DAG file/],
    [['FILE', '--set', 'spark.executor.memory=8g'], /--task is required/],
    [['FILE', '--task', 'load'], /give at least one --set key=value/],
    [['FILE', '--task', 'load', '--set', 'spark.executor.memory'], /--set expects key=value, got "spark.executor.memory"/],
    [['FILE', '--task', 'load', '--set', 'spark.executor.memory=8g', '--bogus'], /Unknown option '--bogus'/],
    [['missing.py', '--task', 'load', '--set', 'spark.executor.memory=8g'], /cannot read missing\.py: no such file/],
  ])('exits 2 with one line on stderr for bad input %j', async (argv, message) => {
    const file = copyOf('classic-with-dag');
    const result = await run(argv.map((arg) => (arg === 'FILE' ? file : arg)));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('keeps a byte order mark when it writes the file', async () => {
    const file = path.join(work, 'bom.py');
    const body = readFileSync(path.join(FIXTURES, 'classic-with-dag', 'input.py'));
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
    const result = await run([file, '--task', 'load_orders', '--set', 'spark.executor.memory=8g', '--write']);
    expect(result.code).toBe(0);
    const expected = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(path.join(FIXTURES, 'classic-with-dag', 'expected.py'))]);
    expect(readFileSync(file)).toEqual(expected);
  });

  it('exits 2 for a file that is not UTF-8 text', async () => {
    const file = path.join(work, 'latin1.py');
    writeFileSync(file, Buffer.from('# caf\xe9\n', 'latin1'));
    const result = await run([file, '--task', 'load', '--set', 'spark.executor.memory=8g']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('it is not UTF-8 text') });
  });

  it('edits a dag-factory YAML file in place, finding the DAG by its task', async () => {
    const file = copyOf('yaml-add-conf-entry', 'input.yml');
    const argv = [file, '--task', 'load_orders', '--set', 'spark.sql.shuffle.partitions=400', '--set', 'spark.driver.memory=2g', '--write'];
    const result = await run(argv);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+        spark.sql.shuffle.partitions: "400"\n+        spark.driver.memory: "2g"\n');
    expect(readFileSync(file, 'utf8')).toBe(fixtureText('yaml-add-conf-entry', 'expected.yml'));
  });

  it('refuses a YAML edit that is not safe, with the reason', async () => {
    const file = copyOf('yaml-anchor-shared-refused', 'input.yml');
    const result = await run([file, '--task', 'load_orders', '--set', 'spark.executor.memory=8g']);
    expect(result).toEqual({ code: 3, stdout: '', stderr: expect.stringMatching(/^refused: the value of spark.executor.memory for task load_orders lives in the YAML anchor &spark_conf/) });
  });

  it('prints notes about occurrences left as they are on stderr', async () => {
    const file = copyOf('emr-steps-cluster-defaults-note');
    const result = await run([file, '--task', 'add_steps', '--set', 'spark.executor.memory=8g']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+                "--conf", "spark.executor.memory=8g",\n');
    expect(result.stderr).toContain('note: task add_steps also gets spark.executor.memory = 20g from the spark-defaults of the cluster of task create_job_flow');
  });

  it('refuses a file that does not parse', async () => {
    const file = copyOf('syntax-error-refused');
    const result = await run([file, '--task', 'load', '--set', 'spark.executor.memory=4g']);
    expect(result).toEqual({ code: 3, stdout: '', stderr: 'refused: the file does not parse (syntax error at line 10)\n' });
  });
});
