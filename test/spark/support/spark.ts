import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface SparkEnv {
  python: string;
  sparkHome: string;
}

/** Runs scripts/spark/setup.sh (idempotent, cached) for pyspark 4.x (default) or 3.5.x and returns where pyspark lives. */
export function setupSpark(major: '4' | '3.5' = '4'): SparkEnv {
  const out = execFileSync(path.join(ROOT, 'scripts/spark/setup.sh'), [major], { encoding: 'utf8', timeout: 900_000 }).trim().split('\n');
  const python = out.at(-1) ?? '';
  const sparkHome = execFileSync(python, ['-c', 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'], { encoding: 'utf8' }).trim();
  return { python, sparkHome };
}

/** The `"spark.…": "…"` entries of a fixture DAG file's conf dict, Airflow templates filled in for one run. */
export function dagConf(source: string, run: { dagId: string; runId: string }): Record<string, string> {
  const conf: Record<string, string> = {};
  for (const [, key, value] of source.matchAll(/"(spark\.[^"]+)":\s*"([^"]*)"/g)) {
    conf[key!] = value!
      .replace('{{ dag.dag_id }}', run.dagId)
      .replace('{{ task.task_id }}', 'run')
      .replace('{{ run_id }}', run.runId)
      .replace('{{ ti.try_number }}', '1');
  }
  return conf;
}

export function dagFileConf(file: string, run: { dagId: string; runId: string }): Record<string, string> {
  return dagConf(readFileSync(file, 'utf8'), run);
}

function memoryMb(value: string | undefined): number {
  const match = /^(\d+)([mg])$/i.exec(value ?? '1g');
  if (!match) return 1024;
  return Number(match[1]) * (match[2]!.toLowerCase() === 'g' ? 1024 : 1);
}

export interface SubmitResult {
  status: number | null;
  ms: number;
  output: string;
}

/** The local cluster a workload runs on: `local-cluster[workers, cores, MiB]`, one executor per worker. */
export interface Cluster {
  workers: number;
  cores: number;
}

/**
 * One spark-submit on `local-cluster[W,C,MiB]`: each executor is its own JVM under a worker of at least the executor
 * memory, so memory settings are real. Standalone ignores `spark.executor.instances`, so a static count becomes
 * `spark.cores.max` (instances × cores), as YARN and Kubernetes would honor it. Event logs (rolling, zstd) go to `eventLogDir`.
 */
export function submit(env: SparkEnv, workload: string, conf: Record<string, string>, eventLogDir: string, cluster: Cluster = { workers: 1, cores: 1 }): SubmitResult {
  mkdirSync(eventLogDir, { recursive: true });
  const workerMb = Math.max(1024, memoryMb(conf['spark.executor.memory']));
  const instances = conf['spark.executor.instances'];
  const staticCount = instances !== undefined && conf['spark.dynamicAllocation.enabled'] !== 'true';
  const all: Record<string, string> = {
    ...conf,
    ...(staticCount ? { 'spark.cores.max': String(Number(instances) * Number(conf['spark.executor.cores'] ?? '1')) } : {}),
    'spark.eventLog.enabled': 'true',
    'spark.eventLog.dir': eventLogDir,
    'spark.eventLog.logStageExecutorMetrics': 'true',
    // Peaks are sampled at heartbeats (10 s) by default: a job shorter than that logs none. Sample every second.
    'spark.executor.metrics.pollingInterval': '1s',
    'spark.eventLog.rolling.enabled': 'true',
    'spark.eventLog.compress': 'true',
    'spark.eventLog.compression.codec': 'zstd',
    'spark.ui.enabled': 'false',
  };
  const master = `local-cluster[${cluster.workers},${cluster.cores},${workerMb}]`;
  const args = ['--master', master, ...Object.entries(all).flatMap(([k, v]) => ['--conf', `${k}=${v}`])];
  const started = Date.now();
  const result = spawnSync(path.join(env.sparkHome, 'bin/spark-submit'), [...args, path.join(ROOT, 'test/spark/workloads', `${workload}.py`)], {
    encoding: 'utf8',
    timeout: 240_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, SPARK_HOME: env.sparkHome, PYSPARK_PYTHON: env.python, SPARK_LOCAL_IP: '127.0.0.1' },
  });
  return { status: result.status, ms: Date.now() - started, output: `${result.stdout}${result.stderr}` };
}
