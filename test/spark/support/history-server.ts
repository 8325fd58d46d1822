import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { SparkEnv } from './spark.js';

export interface HistoryServer {
  get<T>(route: string): Promise<T>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Spark's own History Server on `logDir`, bound to 127.0.0.1; waits until it lists `appId`. */
export async function startHistoryServer(env: SparkEnv, logDir: string, appId: string): Promise<HistoryServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(env.sparkHome, 'bin/spark-class'), ['org.apache.spark.deploy.history.HistoryServer'], {
    env: {
      ...process.env,
      SPARK_HOME: env.sparkHome,
      SPARK_LOCAL_IP: '127.0.0.1',
      SPARK_HISTORY_OPTS: `-Dspark.history.fs.logDirectory=file:${logDir} -Dspark.history.ui.port=${port} -Dspark.history.fs.update.interval=1s`,
    },
    stdio: 'ignore',
    detached: true,
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  const server: HistoryServer = {
    async get<T>(route: string): Promise<T> {
      const response = await fetch(`${base}${route}`);
      if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
      return (await response.json()) as T;
    },
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      await server.get(`/applications/${appId}/executors`);
      return server;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  await server.stop();
  throw new Error(`the History Server did not list ${appId} within 120 s`);
}
