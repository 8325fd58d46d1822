/** A seeded pseudo-random source (mulberry32): the same seed always gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

/** A deterministic random source for a seed (any integer; only its low 32 bits count). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
  };
}

/** A seed for one part of a generation (a run, a stage) derived from the main seed. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let hash = mix(seed >>> 0);
  for (const part of parts) hash = mix((hash + Math.imul((part >>> 0) + 1, 0x9e3779b9)) >>> 0);
  return hash;
}

/** MurmurHash3's 32-bit finalizer: spreads every input bit over the output. */
function mix(value: number): number {
  let x = value;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
