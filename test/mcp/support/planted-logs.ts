import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateScenario } from '../../../src/generator/scenarios.js';

/** A secret planted in the logs (a Spark property, URL credentials, and a failure text): no answer may contain it. */
export const PLANTED = 'planted-h7x9q2-value';

/** Now for the generated histories, and the server's `--until`. */
export const NOW = new Date('2026-11-21T09:30:00Z');

/**
 * Generated histories (overprovisioned, healthy, memory failure then cut, failing job) in `<dir>/logs`, with the secret
 * planted in every log's Spark properties and in the failing job's exception texts.
 */
export async function writePlantedLogs(dir: string): Promise<string> {
  const logs = path.join(dir, 'logs');
  for (const name of ['overprovisioned-memory', 'healthy', 'cut-after-kill', 'failing-job']) await generateScenario(name, { outDir: logs, now: NOW });
  for (const file of await readdir(logs)) {
    const full = path.join(logs, file);
    const text = await readFile(full, 'utf8');
    const planted = text
      .replace(
        '"Spark Properties":{',
        `"Spark Properties":{"spark.hadoop.fs.s3a.secret.key":"${PLANTED}","spark.metastore.url":"jdbc:postgresql://etl:${PLANTED}@db:5432/hive",`,
      )
      .replaceAll('No such file or directory: s3://', `password=${PLANTED} No such file or directory: s3://`);
    await writeFile(full, planted);
  }
  return logs;
}

/** A copy of examples/dag-repo (the DAG files of the generated histories) in `<dir>/dag-repo`. */
export async function copyDagRepo(root: string, dir: string): Promise<string> {
  const repo = path.join(dir, 'dag-repo');
  await cp(path.join(root, 'examples', 'dag-repo'), repo, { recursive: true });
  return repo;
}

/** Every file of a directory tree with its content, to show that nothing was written. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = await readFile(full, 'utf8');
  }
  return files;
}
