import { quantitiesIn, type Dimension, type Quantity } from './quantities.js';

/**
 * Checks that a model only states numbers its prompt holds. Every quantity in the answer must equal one in the
 * prompt after unit conversion (`16g` = `16384m` = `16 GiB`; `34%` = `0.34`; `1200000 ms` = `20 min`), within the
 * rounding of either side. Raw numbers of the data (JSON fields named `…_bytes`, `…_mb`, `…_ms`, `…_ratio`,
 * `…_usd`) count in their unit too.
 */
export interface NumberCheck {
  /** The quantities of `text` that the prompt does not hold (empty when all are known). */
  unknown(text: string): Quantity[];
}

interface Known {
  dimension: Dimension;
  value: number;
  tolerance: number;
}

/** Relative slack for conversions between units (e.g. GiB shown with one decimal, bytes exact). */
const RELATIVE = 0.005;

export function numberCheck(promptTexts: string[], data: unknown): NumberCheck {
  const known: Known[] = [];
  for (const text of promptTexts) for (const q of quantitiesIn(text)) addQuantity(known, q);
  walk(data, '', known);
  return {
    unknown: (text) => quantitiesIn(text).filter((q) => !q.values.some((value) => matches(q.dimension, value, q.tolerance, known))),
  };
}

function addQuantity(known: Known[], q: Quantity): void {
  for (const value of q.values) known.push({ dimension: q.dimension, value, tolerance: q.tolerance });
}

function walk(node: unknown, key: string, known: Known[]): void {
  if (typeof node === 'string') {
    for (const q of quantitiesIn(node)) addQuantity(known, q);
  } else if (typeof node === 'number' && Number.isFinite(node)) {
    known.push(...fieldQuantities(key, node));
  } else if (Array.isArray(node)) {
    for (const item of node) walk(item, key, known);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) walk(v, k, known);
  }
}

/** A raw number of the data in the unit its field name says, and as a plain number. */
function fieldQuantities(key: string, value: number): Known[] {
  const plain: Known = { dimension: 'plain', value, tolerance: 0 };
  if (/_bytes(_|$)/.test(key)) return [plain, { dimension: 'memory', value: value / 1048576, tolerance: 0 }];
  if (/_mb(_|$)/.test(key)) return [plain, { dimension: 'memory', value, tolerance: 0 }];
  if (/_ms(_|$)/.test(key)) return [plain, { dimension: 'duration', value, tolerance: 0 }];
  if (/_ratio$|utilization|_fraction$/.test(key)) return [plain, { dimension: 'percent', value, tolerance: 0 }];
  if (/_usd$/.test(key)) return [plain, { dimension: 'money', value, tolerance: 0 }];
  return [plain];
}

function matches(dimension: Dimension, value: number, tolerance: number, known: Known[]): boolean {
  return known.some((k) => forms(dimension, k).some(([form, scale]) => close(value, tolerance, form * k.value, scale * k.tolerance)));
}

/** The factors a known quantity may be multiplied by to be written in the unit of a quantity of `dimension`. */
function forms(dimension: Dimension, k: Known): [factor: number, toleranceFactor: number][] {
  if (dimension === 'plain') return plainForms(k.dimension).map((f) => [f, f]);
  if (dimension === k.dimension) return [[1, 1]];
  // A ratio written as a plain number in the data (`0.34`) may be quoted as a percentage; whole numbers are not ratios.
  if (dimension === 'percent' && k.dimension === 'plain' && Math.abs(k.value) <= 1 && k.tolerance < 0.5) return [[1, 1]];
  return [];
}

/** A bare number may be a known quantity in any of its usual display units (`5.4` for 5.4 GiB, `20` for 20 min). */
function plainForms(dimension: Dimension): number[] {
  switch (dimension) {
    case 'memory':
      return [1, 1 / 1024, 1 / 1048576, 1048576, 1048576 / 1e9];
    case 'duration':
      return [1, 1 / 1000, 1 / 60_000, 1 / 3_600_000];
    case 'percent':
      return [1, 100];
    default:
      return [1];
  }
}

function close(value: number, tolerance: number, known: number, knownTolerance: number): boolean {
  const scale = Math.max(Math.abs(value), Math.abs(known));
  return Math.abs(value - known) <= tolerance + knownTolerance + RELATIVE * scale + 1e-9;
}
