#!/usr/bin/env node
// `npm run demo`: the whole local pipeline on the embedded defaults.
// 1. generate Spark event logs for two scenarios (a job whose executors use a third of their memory, and a healthy one);
// 2. copy examples/dag-repo into .demo/dag-repo and make it a git repository;
// 3. run `spark-tuner tune` on them: a commit on branch spark-tuner/daily_sales, and the PR body on stdout;
// 4. show that commit's diff.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const demo = path.join(root, '.demo');
const logs = path.join(demo, 'event-logs');
const repo = path.join(demo, 'dag-repo');
const cli = path.join(root, 'bin', 'spark-tuner.js');
const identity = {
  GIT_AUTHOR_NAME: 'Demo Data Engineer',
  GIT_AUTHOR_EMAIL: 'data-eng@example.com',
  GIT_COMMITTER_NAME: 'Demo Data Engineer',
  GIT_COMMITTER_EMAIL: 'data-eng@example.com',
};

if (!existsSync(path.join(root, 'lib', 'cli', 'main.js'))) {
  console.error('lib/ is not built yet: run `npm ci` (or `npm run build`) first.');
  process.exit(1);
}

function step(title) {
  console.error(`\n\u001b[1m== ${title}\u001b[0m`);
}

function display(arg) {
  if (arg === process.execPath) return 'node';
  if (path.isAbsolute(arg) && arg.startsWith(root)) return path.relative(root, arg);
  return /\s/.test(arg) ? `'${arg}'` : arg;
}

function run(command, args, options = {}) {
  console.error(`$ ${[command, ...args].map(display).join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) {
    console.error(`demo: \`${command} ${args[0]}\` exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

rmSync(demo, { recursive: true, force: true });
mkdirSync(logs, { recursive: true });

step('1. Generate Spark event logs (runs of the last days, ending now)');
run(process.execPath, [cli, 'generate', 'overprovisioned-memory', '--out', logs]);
run(process.execPath, [cli, 'generate', 'healthy', '--out', logs]);

step('2. A local DAG repository (a copy of examples/dag-repo)');
cpSync(path.join(root, 'examples', 'dag-repo'), repo, { recursive: true });
run('git', ['init', '--quiet', '--initial-branch=main', repo]);
run('git', ['-C', repo, 'add', '-A']);
run('git', ['-C', repo, 'commit', '--quiet', '-m', 'Airflow DAGs'], { env: identity });

step('3. Tune: diagnose the runs, edit the DAG file, commit on spark-tuner/<dag_id>; the PR body follows');
run(process.execPath, [cli, 'tune', '--event-logs', logs, '--repo', repo]);

step('4. The commit on branch spark-tuner/daily_sales');
run('git', ['-C', repo, '--no-pager', 'show', '--stat', '--patch', '--format=medium', 'spark-tuner/daily_sales']);

console.error(`\nDone. Explore it: git -C ${path.relative(process.cwd(), repo)} log --all --oneline`);
