// `npm run bench summarize`: how fast `spark-tuner summarize` reads a large event log, against a baseline that
// only reads the same file line by line and JSON.parses every line, and how much memory it needs.
// The ≥ 1 GiB log is generated once (scenario `large`) and cached in bench/out/ (gitignored).
// Each measurement runs in its own child process (so its peak RSS is its own); the best of two rounds counts.
// Goals (issue 3): summarize takes no longer than the baseline, and peak RSS stays ≤ 300 MB.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'bench', 'out', 'summarize-large');
const TARGET_BYTES = 1024 ** 3;
const ROUNDS = 2;
const RSS_GOAL_MB = 300;
const MB = 1e6;

if (process.argv[2] === '--child') {
  const result = await measure(process.argv[3], process.argv.slice(4));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.exitCode = await benchmark();
}

async function benchmark() {
  const log = await largeLog();
  const bytes = statSync(log).size;
  console.log(`log: ${path.relative(ROOT, log)} (${fmt(bytes / MB, 0)} MB)`);
  measureInChild('read', [log]); // page cache warm-up, so neither side pays the disk
  const runs = { baseline: [], summarize: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const mode of ['baseline', 'summarize']) runs[mode].push(measureInChild(mode, [log]));
  }
  // The fastest run of each, with the highest peak RSS seen over its runs.
  const bestOf = (results) => ({
    ...results.reduce((fastest, result) => (result.ms < fastest.ms ? result : fastest)),
    rssMb: Math.max(...results.map((result) => result.rssMb)),
  });
  const best = { baseline: bestOf(runs.baseline), summarize: bestOf(runs.summarize) };
  const line = (label, result) => console.log(
    `${label.padEnd(46)} ${fmt(result.ms / 1000, 2).padStart(6)} s  ${fmt(bytes / MB / (result.ms / 1000), 0).padStart(5)} MB/s  peak RSS ${fmt(result.rssMb, 0)} MB`,
  );
  line('baseline (read lines + JSON.parse every line)', best.baseline);
  line('spark-tuner summarize', best.summarize);
  const ratio = best.summarize.ms / best.baseline.ms;
  const fast = ratio <= 1;
  const lean = best.summarize.rssMb <= RSS_GOAL_MB;
  console.log(`summarize time / baseline time: ${fmt(ratio, 2)} (goal ≤ 1: ${fast ? 'met' : 'MISSED'}); `
    + `summarize peak RSS goal ≤ ${RSS_GOAL_MB} MB: ${lean ? 'met' : 'MISSED'}`);
  console.log(`  (${fmt(best.baseline.lines, 0)} lines; summarize wrote ${best.summarize.rows} row, ${best.summarize.problems} problems)`);
  compressed(log, bytes);
  corpus();
  return fast && lean ? 0 : 1;
}

/** The cached large log, generated on first use. */
async function largeLog() {
  const cached = existsSync(OUT_DIR) ? readdirSync(OUT_DIR).filter((name) => !name.endsWith('.zstd')).map((name) => path.join(OUT_DIR, name)) : [];
  const ready = cached.find((file) => statSync(file).size >= TARGET_BYTES);
  if (ready) return ready;
  console.log(`generating a ${fmt(TARGET_BYTES / MB, 0)} MB event log in ${path.relative(ROOT, OUT_DIR)} (once)…`);
  const { generateScenario } = await import('../lib/generator/scenarios.js');
  const started = performance.now();
  const [file] = await generateScenario('large', {
    outDir: OUT_DIR, now: new Date('2026-11-20T06:00:00Z'), seed: 42, targetBytes: TARGET_BYTES,
  });
  console.log(`  generated in ${fmt((performance.now() - started) / 1000, 1)} s`);
  return file;
}

/** The same log compressed with zstd (Spark's default codec), when the `zstd` command is there to make it. */
function compressed(log, bytes) {
  const zstdLog = `${log}.zstd`;
  if (!existsSync(zstdLog)) {
    const made = spawnSync('zstd', ['-q', '-3', log, '-o', zstdLog]);
    if (made.error || made.status !== 0) {
      console.log('zstd: no `zstd` command to compress the log with; skipped');
      return;
    }
  }
  const result = measureInChild('summarize', [zstdLog]);
  console.log(`same log as zstd (${fmt(statSync(zstdLog).size / MB, 0)} MB): summarize ${fmt(result.ms / 1000, 2)} s, `
    + `${fmt(bytes / MB / (result.ms / 1000), 0)} MB/s of log, peak RSS ${fmt(result.rssMb, 0)} MB`);
}

/** The whole shared corpus of real logs, summarized by the CLI in one process. */
function corpus() {
  const dir = path.join(process.env.SPARK_EVENTS_DIR ?? path.join(ROOT, '..', 'shared', 'spark-events'), 'logs');
  if (!existsSync(dir)) {
    console.log(`corpus: ${dir} not found (set SPARK_EVENTS_DIR); skipped`);
    return;
  }
  const result = measureInChild('summarize', [dir]);
  console.log(`corpus: ${dir}: ${fmt(result.bytes / MB, 0)} MB on disk, ${result.rows} rows, ${result.problems} problems, `
    + `${fmt(result.ms / 1000, 2)} s, peak RSS ${fmt(result.rssMb, 0)} MB`);
}

/** Runs `measure(mode, args)` in a fresh Node process and returns its result. */
function measureInChild(mode, args) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

/** In a child process: one timed run of `mode` over `args`, with the process's peak RSS. */
async function measure(mode, args) {
  const started = performance.now();
  const counts = mode === 'summarize' ? await summarize(args) : await readLines(args[0], mode === 'baseline');
  return { ...counts, ms: performance.now() - started, rssMb: (process.resourceUsage().maxRSS * 1024) / MB };
}

/** The baseline: Node's line reader over the file, JSON.parse on every line (or only reading, for the warm-up). */
async function readLines(file, parse) {
  let lines = 0;
  const reader = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of reader) {
    if (parse && line !== '') JSON.parse(line);
    lines += 1;
  }
  return { lines };
}

/** `spark-tuner summarize <args>` in process, through the CLI command itself (rows counted, not kept). */
async function summarize(args) {
  const { summarizeCommand } = await import('../lib/cli/commands/summarize.js');
  let rows = 0;
  let problems = 0;
  const io = {
    stdout: (text) => { rows += text.split('\n').length - 1; },
    stderr: (text) => { problems += text.split('\n').length - 1; },
  };
  await summarizeCommand(args, io, { progress: false });
  const bytes = args.map((arg) => diskBytes(arg)).reduce((sum, size) => sum + size, 0);
  return { rows, problems, bytes };
}

function diskBytes(target) {
  const info = statSync(target);
  if (!info.isDirectory()) return info.size;
  return readdirSync(target).map((name) => diskBytes(path.join(target, name))).reduce((sum, size) => sum + size, 0);
}

function fmt(value, digits) {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
