import { spawn } from 'node:child_process';

export interface GitOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Written to git's stdin. */
  input?: string;
  /** Exit codes that are answers, not errors (e.g. 1 for "no such ref"). */
  okCodes?: number[];
}

export interface GitResult {
  code: number;
  stdout: string;
}

/** Runs git with arguments (never a shell); a failure carries git's own message. */
export function runGit(args: string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`could not run git: ${error.message}`)));
    child.on('close', (code) => {
      const exit = code ?? 1;
      const stdout = Buffer.concat(out).toString('utf8');
      if (exit === 0 || options.okCodes?.includes(exit)) return resolve({ code: exit, stdout });
      const message = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? '';
      reject(new Error(`git ${args[0]} failed: ${message || `exit code ${exit}`}`));
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // git may exit before reading; its exit code tells what happened
      child.stdin.end(options.input);
    }
  });
}

/** stdout of a git command, trimmed. */
export async function git(args: string[], options: GitOptions): Promise<string> {
  return (await runGit(args, options)).stdout.trim();
}
