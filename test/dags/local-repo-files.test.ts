import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/dags/local-repo-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'spark-tuner-repo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function put(relative: string, content: string | Buffer): void {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

put('.git/config', '[core]\n');
put('node_modules/pkg/dag.py', 'DAG("x")\n');
put('dags/b.py', 'b = 1\n');
put('dags/sub/a.py', '# café ☕\n');
put('.github/spark-tuner.yml', 'enabled: true\n');
put('dags/latin1.py', Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
put('dags/bom.py', Buffer.from([0xef, 0xbb, 0xbf, 0x78, 0x0a]));

describe('localRepoFiles', () => {
  const repo = localRepoFiles(dir);

  it('lists files as posix paths relative to the directory, without .git and node_modules', async () => {
    expect(await repo.list()).toEqual(['.github/spark-tuner.yml', 'dags/b.py', 'dags/bom.py', 'dags/latin1.py', 'dags/sub/a.py']);
  });

  it('reads UTF-8 text by its relative path', async () => {
    expect(await repo.read('dags/sub/a.py')).toBe('# café ☕\n');
  });

  it('keeps a byte order mark, so that the file is written back as it was', async () => {
    expect(await repo.read('dags/bom.py')).toBe('\uFEFFx\n');
  });

  it('refuses text that is not UTF-8 rather than corrupting it', async () => {
    await expect(repo.read('dags/latin1.py')).rejects.toThrow(/is not UTF-8 text/);
  });
});
