import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad arguments or unreadable input: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `node:util` parseArgs, with its errors turned into one-line usage errors. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.replace(/\.$/, '')}. Usage: ${usage}`);
  }
}

/** A positive integer option, or the default. */
export function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`--${name} must be a whole number of 1 or more, not "${value}".`);
  return parsed;
}

/** `--vcpu-hour-usd` / `--gb-hour-usd`: a price in US dollars, 0 or more. */
export function priceOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const price = Number(value);
  if (!Number.isFinite(price) || price < 0) throw new UsageError(`--${name} must be a price in US dollars like 0.05, not "${value}".`);
  return price;
}

/** `--until`: an ISO date-time, or a date meaning the end of that day (UTC); now when absent. */
export function untilOption(value: string | undefined, now: Date): number {
  if (value === undefined) return now.getTime();
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new UsageError(`--until must be a date like 2026-11-20 or 2026-11-20T12:00:00Z, not "${value}".`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parsed + 86_400_000 - 1 : parsed;
}
