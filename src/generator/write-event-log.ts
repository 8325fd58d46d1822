import type { Writable } from 'node:stream';
import {
  applicationEnd, applicationStart, blockManagerAdded, environmentUpdate, executorAdded, executorRemoved,
  heapBytes, logStart, resourceProfileAdded, type ExecutorPlacement,
} from './app-events.js';
import { LineSink } from './line-sink.js';
import { createRandom, type Random } from './prng.js';
import type { EventLogSpec, WrittenLog } from './spec.js';
import { writeJob, type AppPlan, type Progress } from './write-job.js';

const MIB = 1024 * 1024;

/**
 * Writes the events of one Spark 3.5 YARN application attempt, in Spark's order and with its
 * field names, as JSON Lines to `writable` (which is not ended). Deterministic for a spec
 * (its seed included); waits for the stream when it asks (backpressure). With `targetBytes`,
 * the spec's jobs repeat until the log is at least that large. A job failed by a planted fatal
 * failure ends the application (the jobs after it do not run).
 */
export async function writeEventLog(spec: EventLogSpec, writable: Writable): Promise<WrittenLog> {
  const out = new LineSink(writable);
  const random = createRandom(spec.seed);
  const plan = planApplication(spec, random);
  await out.write(logStart(spec));
  await out.write(resourceProfileAdded(spec));
  await out.write(blockManagerAdded('driver', 'ip-10-0-1-10.ec2.internal', spec.driverMemory, spec.startTime + 2213));
  await out.write(environmentUpdate(spec));
  await out.write(applicationStart(spec));
  for (const [index, executor] of plan.executors.entries()) {
    const added = plan.addedAt[index] ?? spec.startTime;
    await out.write(executorAdded(spec, executor, added));
    await out.write(blockManagerAdded(executor.id, executor.host, spec.executorMemory, added + random.int(120, 260)));
  }
  const progress: Progress = { time: Math.max(...plan.addedAt) + random.int(800, 2000), jobs: 0, stages: 0, tasks: 0, rdds: 0 };
  let failed = false;
  do {
    for (const job of spec.jobs) {
      failed = (await writeJob(out, job, plan, progress)) !== null;
      if (failed) break;
    }
  } while (!failed && spec.targetBytes !== undefined && spec.jobs.length > 0 && out.bytes < spec.targetBytes);
  for (const executor of plan.executors) {
    progress.time += random.int(2, 15);
    await out.write(executorRemoved(executor.id, progress.time + 400));
  }
  const endTime = progress.time + random.int(1400, 1900);
  await out.write(applicationEnd(endTime));
  await out.flush();
  return { bytes: out.bytes, jobs: progress.jobs, stages: progress.stages, tasks: progress.tasks, executors: plan.executors.length, endTime };
}

function planApplication(spec: EventLogSpec, random: Random): AppPlan {
  if (!Number.isInteger(spec.executors) || spec.executors < 1) throw new Error(`A generated application needs at least one executor, not ${spec.executors}.`);
  const clusterId = /^application_(\d+)_(\d+)$/.exec(spec.appId);
  const container = (index: number): string => `container_${clusterId?.[1] ?? '0'}_${clusterId?.[2] ?? '0001'}_01_${String(index + 2).padStart(6, '0')}`;
  const executors: ExecutorPlacement[] = Array.from({ length: spec.executors }, (_, index) => ({
    id: String(index + 1),
    host: `ip-10-0-${2 + Math.floor(index / 2)}-${random.int(10, 250)}.ec2.internal`,
    container: container(index),
  }));
  const heap = heapBytes(spec.executorMemory);
  const peakFraction = spec.executorPeakHeapFraction;
  return {
    spec,
    random,
    executors,
    addedAt: executors.map(() => spec.startTime + 7000 + random.int(0, 3000)).sort((a, b) => a - b),
    peakHeap: executors.map(() => Math.round(heap * random.between(peakFraction.min, peakFraction.max))),
    offHeap: executors.map(() => random.int(70, 110) * MIB),
    driverPeakHeap: Math.round(heapBytes(spec.driverMemory) * random.between(spec.driverPeakHeapFraction.min, spec.driverPeakHeapFraction.max)),
    executorGcMs: new Map(),
  };
}
