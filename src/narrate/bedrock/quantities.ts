/**
 * The numbers a text states, each as a quantity in a canonical unit: memory in MiB, durations in ms, percentages as
 * ratios, money in US dollars, anything else plain. `tolerance` is half the last digit shown (`5.4 GiB` ± 0.05 GiB),
 * so a value rounded for display still matches the one it came from. Digits inside identifiers (`application_17…`,
 * `s3a`), dates and version numbers are not quantities.
 */
export type Dimension = 'memory' | 'duration' | 'percent' | 'money' | 'plain';

export interface Quantity {
  dimension: Dimension;
  /** The value in the canonical unit; several when the unit is ambiguous (`GB`: 1024³ or 10⁹ bytes). */
  values: number[];
  tolerance: number;
  /** The text as written, for messages. */
  text: string;
}

const MIB_PER: Record<string, number[]> = {
  b: [1 / 1048576], byte: [1 / 1048576], bytes: [1 / 1048576],
  k: [1 / 1024], kb: [1 / 1024, 1000 / 1048576], kib: [1 / 1024],
  m: [1], mb: [1, 1e6 / 1048576], mib: [1],
  g: [1024], gb: [1024, 1e9 / 1048576], gib: [1024],
  t: [1048576], tb: [1048576, 1e12 / 1048576], tib: [1048576],
};
const MS_PER: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};
/** Units that follow a number but leave it plain: rates, counts and multipliers. */
const PLAIN_UNITS = ['gb-hours', 'gb-hour', 'core-hours', 'core-hour', 'vcpu-hours', 'vcpu-hour', '×', 'x'];

const UNIT = [...PLAIN_UNITS, ...Object.keys(MIB_PER), ...Object.keys(MS_PER), '%', 'percent']
  .sort((a, b) => b.length - a.length)
  .map((unit) => unit.replace(/[-%×]/g, (c) => `\\${c}`))
  .join('|');

/** Dates, times and versions: not quantities (and never confused with one). */
const NOT_QUANTITIES = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?\b|\b\d{1,2}:\d{2}(?::\d{2})?\b|\bv?\d+(?:\.\d+){2,}\b/gi;
/** `1 h 5 min` as one duration. */
const HOURS_MINUTES = /(?<![\w.])(\d+)\s?h(?:ours?|rs?)?\s+(\d+)\s?min(?:utes?|s)?(?![\w])/gi;
const NUMBER = new RegExp(
  `(?<![\\w.])(\\$\\s?)?(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?:(\\s?)(${UNIT}))?(?![\\w]|\\.\\d|-\\d)`,
  'gi',
);

export function quantitiesIn(text: string): Quantity[] {
  const found: Quantity[] = [];
  let rest = text.replace(NOT_QUANTITIES, ' ');
  rest = rest.replace(HOURS_MINUTES, (match, h: string, m: string) => {
    found.push({ dimension: 'duration', values: [Number(h) * 3_600_000 + Number(m) * 60_000], tolerance: 30_000, text: match });
    return ' ';
  });
  for (const match of rest.matchAll(NUMBER)) {
    const [whole, dollar, integer = '', fraction = '', space = '', unit = ''] = match;
    const quantity = toQuantity(whole, Boolean(dollar), integer, fraction, space, unit.toLowerCase());
    if (quantity) found.push(quantity);
  }
  return found;
}

function toQuantity(text: string, dollar: boolean, integer: string, fraction: string, space: string, unit: string): Quantity | null {
  const value = Number(`${integer.replace(/,/g, '')}${fraction}`);
  if (!Number.isFinite(value)) return null;
  const half = fraction.length > 1 ? 0.5 * 10 ** -(fraction.length - 1) : 0.5;
  if (dollar) return { dimension: 'money', values: [value], tolerance: fraction.length > 1 ? half : 0.5, text };
  if (unit === '%' || unit === 'percent') return { dimension: 'percent', values: [value / 100], tolerance: half / 100, text };
  const mib = MIB_PER[unit];
  // `5 m`, `5 g` with a space are not Spark sizes; a one-letter size unit must be attached (`8g`, `512m`).
  if (mib && !(unit.length === 1 && space !== '')) {
    return { dimension: 'memory', values: mib.map((factor) => value * factor), tolerance: half * Math.max(...mib), text };
  }
  const ms = MS_PER[unit];
  if (ms !== undefined && !(unit === 'd' && space === '')) return { dimension: 'duration', values: [value * ms], tolerance: half * ms, text };
  return { dimension: 'plain', values: [value], tolerance: half, text };
}
