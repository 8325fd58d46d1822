import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { createRandom } from '../../../../src/generator/prng.js';
import type { EventLogSpec, WrittenLog } from '../../../../src/generator/spec.js';
import { writeEventLog } from '../../../../src/generator/write-event-log.js';

const MIB = 1024 * 1024;

/** Whether the `zstd` command-line tool is installed (CI installs it from Debian). */
export const hasZstdCli = spawnSync('zstd', ['--version']).status === 0;

export interface LongWindowLog {
  plain: string;
  compressed: string;
  written: WrittenLog;
}

/**
 * Writes an event log of about 106 MB whose zstd stream (`zstd --long=27`, read from a pipe so the frame
 * declares a 128 MiB window) needs matches more than 96 MiB back: 2,000 block updates with random ids, a
 * generated application of 100 MiB, then the same block updates in another order. Offsets that long are
 * where the pure-JS decoder drops a bit.
 */
export async function writeLongWindowLog(dir: string): Promise<LongWindowLog> {
  const plain = path.join(dir, 'application_1790000000000_0777');
  const compressed = `${plain}.zstd`;
  const random = createRandom(27);
  const hex = (bytes: number): string => Array.from({ length: bytes }, () => random.int(0, 255).toString(16).padStart(2, '0')).join('');
  const updates = Array.from({ length: 2000 }, (_, index) => `${JSON.stringify({
    Event: 'SparkListenerBlockUpdated',
    'Block Updated Info': { 'Block Manager ID': { 'Executor ID': String(1 + (index % 4)), Host: 'ip-10-0-2-17.ec2.internal', Port: 7337 }, 'Block ID': `rdd_${hex(96)}`, 'Memory Size': index * 4096, 'Disk Size': 0 },
  })}\n`);
  const out = createWriteStream(plain);
  for (const line of updates) out.write(line);
  const written = await writeEventLog(application(100 * MIB), out);
  for (let index = 0; index < updates.length; index += 1) out.write(updates[(index * 769) % updates.length] ?? '');
  out.end();
  await finished(out);
  const zstd = spawn('zstd', ['-q', '-3', '--long=27'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => zstd.on('close', resolve));
  await Promise.all([pipeline(createReadStream(plain), zstd.stdin), pipeline(zstd.stdout, createWriteStream(compressed))]);
  if ((await exited) !== 0) throw new Error('zstd failed');
  return { plain, compressed, written };
}

function application(targetBytes: number): EventLogSpec {
  const stage = (name: string, taskMs: { min: number; max: number }, io: { input?: number; read?: number; write?: number; output?: number }) => ({
    name, tasks: 200, taskMs, inputBytesPerTask: io.input ?? 0, shuffleReadBytesPerTask: io.read ?? 0, shuffleWriteBytesPerTask: io.write ?? 0,
    outputBytesPerTask: io.output ?? 0, heapFactor: 0.6,
  });
  return {
    appId: 'application_1790000000000_0777', appName: 'orders.recompressed', attemptId: '1', user: 'hadoop', sparkVersion: '3.5.1',
    startTime: Date.UTC(2026, 10, 2, 3), executors: 4, executorCores: 4, executorMemory: '8g', driverMemory: '2g', driverCores: 1,
    properties: { 'spark.airflow.dag_id': 'orders', 'spark.airflow.task_id': 'load' },
    jobs: [{
      description: 'save at NativeMethodAccessorImpl.java:0',
      stages: [stage('scan', { min: 1000, max: 9000 }, { input: 4 * MIB, write: MIB }), stage('agg', { min: 500, max: 5000 }, { read: MIB, output: MIB })],
    }],
    executorPeakHeapFraction: { min: 0.5, max: 0.6 }, driverPeakHeapFraction: { min: 0.2, max: 0.3 }, gcFraction: { min: 0.01, max: 0.02 },
    seed: 7, targetBytes,
  };
}
