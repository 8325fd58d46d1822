// `npm run bench ingest`: `spark-tuner ingest` of ≥ 2,000 small generated event logs from a local directory into a
// local directory: logs/s, MB/s of logs read, and peak RSS (goal ≤ 300 MB), then the second run that finds every log
// unchanged. The logs are generated once (hourly runs of a small job) and cached in bench/out/ (gitignored).
// Each run is timed in its own child process, so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOGS_DIR = path.join(ROOT, 'bench', 'out', 'ingest-logs');
const LOGS = 2000;
const RSS_GOAL_MB = 300;
const MB = 1e6;

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(await measure(process.argv[3], process.argv[4]))}\n`);
} else {
  process.exitCode = await benchmark();
}

async function benchmark() {
  await generateLogs();
  const names = readdirSync(LOGS_DIR).filter((name) => !name.startsWith('.'));
  const bytes = names.reduce((sum, name) => sum + statSync(path.join(LOGS_DIR, name)).size, 0);
  console.log(`logs: ${names.length} in ${path.relative(ROOT, LOGS_DIR)} (${fmt(bytes / MB, 1)} MB, ${fmt(bytes / names.length / 1024, 0)} KiB each)`);
  const out = path.join(tmpdir(), `spark-tuner-ingest-bench-${process.pid}`);
  await rm(out, { recursive: true, force: true });
  try {
    const first = inChild(LOGS_DIR, out);
    const second = inChild(LOGS_DIR, out);
    const line = (label, result) => console.log(`${label.padEnd(28)} ${fmt(result.ms / 1000, 2).padStart(6)} s  `
      + `${fmt(names.length / (result.ms / 1000), 0).padStart(6)} logs/s  `
      + `${result.counts.startsWith('read 0,') ? '  (not read)' : `${fmt(bytes / MB / (result.ms / 1000), 1).padStart(6)} MB/s`}  `
      + `peak RSS ${fmt(result.rssMb, 0)} MB   ${result.counts.trim()}`);
    line('ingest (all new)', first);
    line('ingest again (all unchanged)', second);
    const lean = Math.max(first.rssMb, second.rssMb) <= RSS_GOAL_MB;
    console.log(`peak RSS goal ≤ ${RSS_GOAL_MB} MB: ${lean ? 'met' : 'MISSED'}`);
    return lean && first.code === 0 && second.code === 0 ? 0 : 1;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The cached small logs, generated on first use: hourly runs of a job of 2 stages (16 + 8 tasks). */
async function generateLogs() {
  if (existsSync(path.join(LOGS_DIR, '.generated'))) return;
  console.log(`generating ${LOGS} small event logs in ${path.relative(ROOT, LOGS_DIR)} (once)…`);
  const { dagRunLogs, HOURLY } = await import('../lib/generator/dag-runs.js');
  const { writeEventLog } = await import('../lib/generator/write-event-log.js');
  const specs = dagRunLogs({
    dagId: 'bench_ingest', taskId: 'aggregate', appName: 'bench_ingest.aggregate', user: 'hadoop', ...HOURLY, runs: LOGS,
    executors: 2, executorCores: 2, executorMemory: '4g', driverMemory: '2g', driverCores: 1, shufflePartitions: 8,
    jobs: [{
      description: 'save at NativeMethodAccessorImpl.java:0',
      stages: [
        { name: 'json at NativeMethodAccessorImpl.java:0', tasks: 16, taskMs: { min: 2_000, max: 4_000 }, inputBytesPerTask: 8 << 20, shuffleReadBytesPerTask: 0, shuffleWriteBytesPerTask: 1 << 20, outputBytesPerTask: 0, heapFactor: 0.9 },
        { name: 'save at NativeMethodAccessorImpl.java:0', tasks: 8, taskMs: { min: 1_000, max: 2_000 }, inputBytesPerTask: 0, shuffleReadBytesPerTask: 2 << 20, shuffleWriteBytesPerTask: 0, outputBytesPerTask: 1 << 20, heapFactor: 1 },
      ],
    }],
    executorPeakHeapFraction: { min: 0.5, max: 0.7 }, driverPeakHeapFraction: { min: 0.3, max: 0.5 }, gcFraction: { min: 0.01, max: 0.03 },
  }, new Date('2026-11-20T06:00:00Z'), 42);
  await rm(LOGS_DIR, { recursive: true, force: true });
  await mkdir(LOGS_DIR, { recursive: true });
  for (const spec of specs) {
    const file = createWriteStream(path.join(LOGS_DIR, `${spec.appId}_${spec.attemptId}`));
    await writeEventLog(spec, file);
    file.end();
    await finished(file);
  }
  await writeFile(path.join(LOGS_DIR, '.generated'), `${specs.length}\n`);
}

function inChild(logs, out) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', logs, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`ingest failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

/** In a child process: one `spark-tuner ingest` through the CLI command, timed, with the process's peak RSS. */
async function measure(logs, out) {
  const { ingestCommand } = await import('../lib/cli/commands/ingest.js');
  let counts = '';
  let problems = 0;
  const io = { stdout: (text) => { counts += text; }, stderr: () => { problems += 1; } };
  const started = performance.now();
  const code = await ingestCommand(['--event-logs', logs, '--out', out], io, { progress: false });
  return { code, counts, problems, ms: performance.now() - started, rssMb: (process.resourceUsage().maxRSS * 1024) / MB };
}

function fmt(value, digits) {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
