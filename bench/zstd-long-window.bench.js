// `npm run bench zstd-long-window`: decoding an event log that was compressed with a 128 MiB zstd window
// (`zstd --long=27`), which the pure-JS decoder mis-reads: time and peak RSS of the WebAssembly decoder alone, of
// summarize on that file, and of summarize on the same log uncompressed; the pure-JS decoder's time for comparison.
// The ~106 MB log (the one test/metrics/eventlog/support/long-window-log.ts writes) is made once in bench/out/.
// Each measurement runs in its own child process, so its peak RSS is its own. Needs the `zstd` command.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'bench', 'out', 'zstd-long-window');
const PLAIN = path.join(OUT_DIR, 'application_1790000000000_0777');
const COMPRESSED = `${PLAIN}.zstd`;
const MIB = 1024 * 1024;
const MB = 1e6;

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(await measure(process.argv[3]))}\n`);
} else {
  process.exitCode = await benchmark();
}

async function benchmark() {
  if (spawnSync('zstd', ['--version']).status !== 0) {
    console.log('no `zstd` command to compress the log with; skipped');
    return 0;
  }
  await makeLog();
  const bytes = statSync(PLAIN).size;
  console.log(`log: ${fmt(bytes / MB, 0)} MB, zstd --long=27: ${fmt(statSync(COMPRESSED).size / MB, 1)} MB`);
  const plainSha = await sha1(createReadStream(PLAIN));
  for (const [mode, label] of [
    ['wasm', 'decode, WebAssembly decoder (zstddec)'],
    ['summarize-zstd', 'summarize the --long=27 file'],
    ['summarize-plain', 'summarize the uncompressed log'],
    ['fzstd', 'decode, pure-JS decoder (fzstd, for comparison)'],
  ]) {
    const result = measureInChild(mode);
    const check = result.sha1 ? (result.sha1 === plainSha ? ', output equal' : ', output WRONG') : '';
    console.log(`${label.padEnd(48)} ${fmt(result.ms / 1000, 2).padStart(6)} s  ${fmt(bytes / MB / (result.ms / 1000), 0).padStart(4)} MB/s  peak RSS ${fmt(result.rssMb, 0)} MB${check}`);
  }
  return 0;
}

async function measure(mode) {
  const started = performance.now();
  let sha = null;
  if (mode === 'wasm' || mode === 'fzstd') {
    const { createLongWindowZstdDecompressor } = await import('../lib/metrics/eventlog/zstd-long-window.js');
    const { createZstdDecompressor } = await import('../lib/metrics/eventlog/zstd-decompressor.js');
    const decoder = mode === 'wasm' ? createLongWindowZstdDecompressor() : createZstdDecompressor();
    sha = await sha1(createReadStream(COMPRESSED, { highWaterMark: 128 << 10 }).pipe(decoder));
  } else {
    const { summarizeEventLogs } = await import('../lib/metrics/eventlog/summarize-event-logs.js');
    const { problems } = await summarizeEventLogs([mode === 'summarize-zstd' ? COMPRESSED : PLAIN]);
    if (problems.length > 0) throw new Error(problems.join(' '));
  }
  return { ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024, sha1: sha };
}

function measureInChild(mode) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

async function sha1(stream) {
  const hash = createHash('sha1');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}

/** The same log as the test's: random block updates, a 100 MiB application, the updates again in another order. */
async function makeLog() {
  if (existsSync(COMPRESSED)) return;
  mkdirSync(OUT_DIR, { recursive: true });
  console.log(`generating the log in ${path.relative(ROOT, OUT_DIR)} (once)…`);
  const { createRandom } = await import('../lib/generator/prng.js');
  const { writeEventLog } = await import('../lib/generator/write-event-log.js');
  const random = createRandom(27);
  const hex = (n) => Array.from({ length: n }, () => random.int(0, 255).toString(16).padStart(2, '0')).join('');
  const updates = Array.from({ length: 2000 }, (_, index) => `${JSON.stringify({
    Event: 'SparkListenerBlockUpdated',
    'Block Updated Info': { 'Block Manager ID': { 'Executor ID': String(1 + (index % 4)), Host: 'ip-10-0-2-17.ec2.internal', Port: 7337 }, 'Block ID': `rdd_${hex(96)}`, 'Memory Size': index * 4096, 'Disk Size': 0 },
  })}\n`);
  const stage = (name, taskMs, io) => ({
    name, tasks: 200, taskMs, inputBytesPerTask: io.input ?? 0, shuffleReadBytesPerTask: io.read ?? 0, shuffleWriteBytesPerTask: io.write ?? 0,
    outputBytesPerTask: io.output ?? 0, heapFactor: 0.6,
  });
  const out = createWriteStream(PLAIN);
  for (const line of updates) out.write(line);
  await writeEventLog({
    appId: 'application_1790000000000_0777', appName: 'orders.recompressed', attemptId: '1', user: 'hadoop', sparkVersion: '3.5.1',
    startTime: Date.UTC(2026, 10, 2, 3), executors: 4, executorCores: 4, executorMemory: '8g', driverMemory: '2g', driverCores: 1,
    properties: { 'spark.airflow.dag_id': 'orders', 'spark.airflow.task_id': 'load' },
    jobs: [{ description: 'save at NativeMethodAccessorImpl.java:0', stages: [stage('scan', { min: 1000, max: 9000 }, { input: 4 * MIB, write: MIB }), stage('agg', { min: 500, max: 5000 }, { read: MIB, output: MIB })] }],
    executorPeakHeapFraction: { min: 0.5, max: 0.6 }, driverPeakHeapFraction: { min: 0.2, max: 0.3 }, gcFraction: { min: 0.01, max: 0.02 },
    seed: 7, targetBytes: 100 * MIB,
  }, out);
  for (let index = 0; index < updates.length; index += 1) out.write(updates[(index * 769) % updates.length]);
  out.end();
  await finished(out);
  const zstd = spawn('zstd', ['-q', '-3', '--long=27'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await Promise.all([pipeline(createReadStream(PLAIN), zstd.stdin), pipeline(zstd.stdout, createWriteStream(COMPRESSED))]);
}

function fmt(value, digits) {
  return value.toFixed(digits);
}
