import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from '../../src/generator/prng.js';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const draw = (seed: number): number[] => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays inside the asked ranges', () => {
    const random = createRandom(1);
    for (let i = 0; i < 1000; i += 1) {
      const value = random.between(2, 3);
      const int = random.int(5, 7);
      expect(value >= 2 && value < 3).toBe(true);
      expect([5, 6, 7]).toContain(int);
    }
  });

  it('derives distinct, stable seeds per part', () => {
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1));
    expect(new Set([deriveSeed(42, 0), deriveSeed(42, 1), deriveSeed(42, 2), deriveSeed(43, 1)]).size).toBe(4);
  });
});
