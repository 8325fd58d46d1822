import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Accepted answers by a hash of everything the model was given (model id, prompt, tool schema, limits), in memory
 * and as one JSON file per answer under a directory, so regenerating a pull request reuses the text it already has
 * instead of asking again (and churning the body). Only validated answers are stored; whoever reads one validates
 * it again. A directory that cannot be written only costs the disk copy.
 */
export interface AnswerCache {
  get(key: string): Promise<unknown>;
  set(key: string, answer: unknown): Promise<void>;
}

/** `BEDROCK_CACHE_DIR`, else `<os tmpdir>/spark-tuner/bedrock-answers`. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  const configured = env.BEDROCK_CACHE_DIR?.trim();
  return configured ? path.resolve(configured) : path.join(os.tmpdir(), 'spark-tuner', 'bedrock-answers');
}

export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A cache in memory and, unless `dir` is null, on disk. `onError` hears about files it could not read or write. */
export function createAnswerCache(dir: string | null, onError: (error: unknown) => void = () => {}): AnswerCache {
  const memory = new Map<string, unknown>();
  const file = (key: string): string => path.join(dir ?? '', `${key}.json`);
  return {
    async get(key) {
      if (memory.has(key)) return memory.get(key);
      if (dir === null) return undefined;
      try {
        const answer: unknown = JSON.parse(await readFile(file(key), 'utf8'));
        memory.set(key, answer);
        return answer;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error);
        return undefined;
      }
    },
    async set(key, answer) {
      memory.set(key, answer);
      if (dir === null) return;
      try {
        await mkdir(dir, { recursive: true });
        const temp = `${file(key)}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temp, `${JSON.stringify(answer, null, 2)}\n`, 'utf8');
        await rename(temp, file(key));
      } catch (error) {
        onError(error);
      }
    },
  };
}
