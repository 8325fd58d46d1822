// `npm run bench rewrite` (issue 13): locate and rewrite one task in a single generated DAG file, each in a fresh
// child process, as `spark-tuner tune` does. Two kinds of file:
// - sparse: one Spark task among many short statements (about 7 bytes a line, like the 2-million-line,
//   12 MB file). Goal: 160,000 lines located and rewritten in < 1 s with peak RSS < 200 MB.
// - dense: real-looking code, about 30 bytes a line: constants and helper functions, then Bash/Python tasks
//   (half the lines are tasks) with the Spark task in the middle. Reported, no goal: parsing alone costs about
//   a second for 160,000 such lines (4.7 MB) in tree-sitter's WebAssembly build on this machine.
// Files above the size limit (2,000,000 sparse lines, 12 MB; 400,000 dense lines, 12 MB) are refused with one line,
// never parsed; `sparse:2000000:16` runs the 2-million-line file again with the limit raised to 16 MB.
// A run is `kind:lines[:limit MB]`; LARGE_RUNS overrides the list.
// Files are generated under bench/out/ (gitignored) by a seeded generator.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../lib/generator/prng.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = (process.env.LARGE_RUNS
  ?? 'sparse:40000,sparse:160000,sparse:2000000,sparse:2000000:16,dense:40000,dense:160000,dense:400000').split(',');
const GOAL = { kind: 'sparse', lines: 160_000, ms: 1000, mb: 200 };
const TARGET = { dag: 'warehouse_monolith', task: 'transform_orders', key: 'spark.executor.memory', value: '6g' };
const GENERATOR_VERSION = '4';

function benchmark() {
  let met = true;
  for (const name of RUNS) {
    const [kind, count, limitMb] = name.split(':');
    const lines = Number(count);
    const run = measureInChild(kind, lines, limitMb);
    const total = run.locateMs + run.rewriteMs;
    const goal = kind === GOAL.kind && lines === GOAL.lines && !limitMb ? total < GOAL.ms && run.rssMb < GOAL.mb : null;
    if (goal === false) met = false;
    const verdict = goal === null ? '' : `  (goal < ${GOAL.ms / 1000} s and < ${GOAL.mb} MB: ${goal ? 'met' : 'MISSED'})`;
    const limit = limitMb ? ` (limit ${limitMb} MB)` : '';
    console.log(`${kind.padEnd(6)} ${fmt(lines, 0).padStart(9)} lines, ${fmt(run.bytes / 1e6, 1).padStart(4)} MB${limit}: locate ${ms(run.locateMs)}, `
      + `rewrite ${ms(run.rewriteMs)}, peak RSS ${fmt(run.rssMb, 0).padStart(4)} MB — ${run.result}${verdict}`);
  }
  return met ? 0 : 1;
}

function measureInChild(kind, lines, limitMb) {
  generate(kind, lines);
  const args = [fileURLToPath(import.meta.url), '--child', kind, String(lines), limitMb ?? ''];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${lines}-line run failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

/** Writes the file once (in the parent, so that the generator's memory is not the child's). */
function generate(kind, lines) {
  const { file, marker } = paths(kind, lines);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === GENERATOR_VERSION) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, kind === 'sparse' ? sparseDag(lines) : denseDag(lines));
  writeFileSync(marker, GENERATOR_VERSION);
}

function paths(kind, lines) {
  const dir = path.join(ROOT, 'bench', 'out', `large-${kind}-${lines}`);
  return { dir, file: path.join(dir, 'dags', 'warehouse.py'), marker: path.join(dir, '.generated') };
}

async function child(kind, lines, limitMb) {
  const { dir, file } = paths(kind, lines);
  const { pythonParser } = await import('../lib/dags/python/parser.js');
  const { locateDag } = await import('../lib/dags/locate.js');
  const { localRepoFiles } = await import('../lib/dags/local-repo-files.js');
  const { rewriteDag } = await import('../lib/dags/rewrite.js');
  await pythonParser();
  const bytes = statSync(file).size;
  const rssMb = () => process.resourceUsage().maxRSS / 1024;
  const start = performance.now();
  const limit = limitMb ? { maxFileBytes: Number(limitMb) * 1024 * 1024 } : {};
  const located = await locateDag(localRepoFiles(dir), ['dags/'], TARGET.dag, limit);
  const locateMs = performance.now() - start;
  if (located.kind !== 'found') {
    return { bytes, locateMs, rewriteMs: 0, rssMb: rssMb(), result: `not located: ${located.problems?.[0] ?? located.kind}` };
  }
  const change = [{ task_id: TARGET.task, settings: [{ key: TARGET.key, value: TARGET.value }] }];
  const result = await rewriteDag(located.content, TARGET.dag, change, { path: located.path, ...limit });
  const rewriteMs = performance.now() - start - locateMs;
  return { bytes, locateMs, rewriteMs, rssMb: rssMb(), result: result.kind === 'refused' ? `refused: ${result.reason}` : result.kind };
}

/** About `lines` short statements at module level and in the DAG, and one Spark task among them. */
function sparseDag(lines) {
  const random = createRandom(lines).next;
  const filler = (indent, count) => Array.from({ length: count }, (_, n) => {
    const name = String.fromCharCode(97 + Math.floor(random() * 26));
    return n % 3 === 2 ? `${indent}${name} += ${n % 10}` : `${indent}${name} = ${n % 10}`;
  });
  const half = Math.floor((lines - 12) / 2);
  return [
    'from datetime import datetime',
    'from airflow import DAG',
    'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator',
    ...filler('', half),
    `with DAG("${TARGET.dag}", start_date=datetime(2024, 1, 1), schedule="@daily") as dag:`,
    ...filler('    ', Math.floor(half / 2)),
    '    transform_orders = SparkSubmitOperator(',
    '        task_id="transform_orders",',
    '        application="s3://acme-jobs/orders/transform.py",',
    '        conf={"spark.executor.memory": "8g", "spark.executor.cores": "4"},',
    '    )',
    ...filler('    ', half - Math.floor(half / 2)),
    '',
  ].join('\n');
}

/** A DAG file of about `lines` lines: constants and helper functions, then Bash/Python tasks with one Spark task. */
function denseDag(lines) {
  const random = createRandom(lines).next;
  const head = [
    '"""The warehouse monolith: every nightly table in one DAG."""',
    'from datetime import datetime, timedelta',
    '',
    'from airflow import DAG',
    'from airflow.operators.bash import BashOperator',
    'from airflow.operators.python import PythonOperator',
    'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator',
    '',
    'DEFAULT_ARGS = {"owner": "data-eng", "retries": 2, "retry_delay": timedelta(minutes=5)}',
    '',
  ];
  const helpers = [];
  const tasks = [];
  const budget = lines - head.length - 7;
  let used = 0;
  for (let n = 0; used < budget / 2; n += 1) {
    const helper = [
      `T_${n} = {"name": "t_${n}", "parts": ${Math.floor(random() * 400)}}`,
      '',
      `def check_${n}(**ctx):`,
      `    rows = ctx["ti"].xcom_pull(task_ids="load_${n}")`,
      `    if rows < T_${n}["parts"]:`,
      `        raise ValueError(f"t_${n}: {rows}")`,
      '    return rows',
      '',
    ];
    helpers.push(...helper);
    used += helper.length;
  }
  for (let n = 0; used < budget; n += 1) {
    const task = [
      `    load_${n} = BashOperator(`,
      `        task_id="load_${n}",`,
      `        bash_command="load t_${n} {{ ds }}",`,
      '    )',
      `    check_${n}_ = PythonOperator(task_id="check_${n}", python_callable=check_${n})`,
      `    load_${n} >> check_${n}_`,
      '',
    ];
    tasks.push(...task);
    used += task.length;
  }
  const spark = [
    '    transform_orders = SparkSubmitOperator(',
    '        task_id="transform_orders",',
    '        application="s3://acme-jobs/orders/transform.py",',
    '        conf={"spark.executor.memory": "8g", "spark.executor.cores": "4"},',
    '    )',
  ];
  const middle = Math.floor(tasks.length / 12) * 6;
  return [
    ...head,
    ...helpers,
    `with DAG("${TARGET.dag}", start_date=datetime(2024, 1, 1), schedule="@daily", default_args=DEFAULT_ARGS) as dag:`,
    ...tasks.slice(0, middle),
    ...spark,
    ...tasks.slice(middle),
    '',
  ].join('\n');
}

function ms(value) {
  return `${fmt(value, 0).padStart(6)} ms`;
}

function fmt(value, digits) {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// The entry point comes last.
if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(await child(process.argv[3], Number(process.argv[4]), process.argv[5]))}\n`);
} else {
  process.exitCode = benchmark();
}
