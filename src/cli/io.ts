/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes of the fixed CLI interface (DESIGN §8). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, refused: 3 } as const;
