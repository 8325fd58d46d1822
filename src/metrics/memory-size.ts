/**
 * Spark memory strings (`4g`, `10G`, `9397M`, `512m`, `2048`): the JVM-style sizes that
 * `spark.executor.memory` and friends take. A bare number means MiB, as in Spark.
 */
const UNIT_MIB: Record<string, number> = {
  b: 1 / (1024 * 1024),
  k: 1 / 1024,
  kb: 1 / 1024,
  m: 1,
  mb: 1,
  g: 1024,
  gb: 1024,
  t: 1024 * 1024,
  tb: 1024 * 1024,
  p: 1024 * 1024 * 1024,
  pb: 1024 * 1024 * 1024,
};

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;

/** MiB in a Spark memory string, or null when it is not one. Fractions of a MiB round down, as Spark does. */
export function parseMemoryMb(text: string | null | undefined): number | null {
  if (text == null) return null;
  const match = SIZE.exec(text);
  if (!match) return null;
  const [, amount, unit = ''] = match;
  const factor = unit === '' ? 1 : UNIT_MIB[unit.toLowerCase()];
  if (factor === undefined || amount === undefined) return null;
  if (amount.includes('.')) return null; // Spark rejects fractional sizes
  return Math.floor(Number(amount) * factor);
}

/** The shortest exact Spark string for a size in MiB: `8g` when whole GiB, else `5632m`. */
export function formatMemoryMb(mb: number): string {
  if (mb > 0 && mb % 1024 === 0) return `${mb / 1024}g`;
  return `${mb}m`;
}

/** A byte count for people: `5.3 GiB`, `512 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
