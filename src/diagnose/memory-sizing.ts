import { roundDownTo, roundUpTo } from './memory-math.js';

/** How a heap is cut to its observed peak (executors and driver alike). */
export interface CutThresholds extends Record<string, number> {
  /** Fire when the highest peak heap is below this share of the configured heap [DataFlint: 0.70]. */
  max_peak_ratio: number;
  /** Only heaps above this size, in MiB. */
  min_memory_mb: number;
  /** Proposed = peak × headroom_factor + headroom_mb, rounded up to round_mb [Dr. Elephant: 1.25, 300m]. */
  headroom_factor: number;
  headroom_mb: number;
  round_mb: number;
  /** Never below peak × this. */
  min_peak_factor: number;
  /** Never cut more than this share in one proposal. */
  max_cut_ratio: number;
}

/** Peak × factor + headroom, rounded up to whole `round_mb`, never under peak × min factor nor under the max cut. */
export function proposeMemoryMb(peakMb: number, currentMb: number, t: CutThresholds): number {
  const roundUp = (mb: number): number => roundUpTo(mb, t.round_mb);
  const target = roundUp(peakMb * t.headroom_factor + t.headroom_mb);
  const floorForPeak = roundUp(peakMb * t.min_peak_factor);
  const floorForCut = roundUp(currentMb * (1 - t.max_cut_ratio));
  return Math.max(target, floorForPeak, floorForCut);
}

/** Whether `proposeMemoryMb` stopped at the max-cut floor (a later proposal may go further). */
export function cutWasCapped(proposedMb: number, currentMb: number, t: CutThresholds): boolean {
  return proposedMb === roundUpTo(currentMb * (1 - t.max_cut_ratio), t.round_mb);
}

/** A raised heap and whether the node size held it back. */
export interface Raise {
  mb: number;
  /** True when the node could not hold heap × factor and the raise was cut to fit. */
  capped: boolean;
}

/**
 * `currentMb × factor` rounded up to `roundMb`, lowered (to whole `roundMb`) until heap + its overhead fits
 * in `nodeMb`; null when no raise fits.
 */
export function raiseMemoryMb(
  currentMb: number,
  factor: number,
  roundMb: number,
  nodeMb: number,
  overheadFor: (heapMb: number) => number,
): Raise | null {
  const wanted = roundUpTo(currentMb * factor, roundMb);
  if (wanted + overheadFor(wanted) <= nodeMb) return { mb: wanted, capped: false };
  let mb = roundDownTo(nodeMb - overheadFor(wanted), roundMb);
  while (mb > currentMb && mb + overheadFor(mb) > nodeMb) mb -= roundMb;
  return mb > currentMb ? { mb, capped: true } : null;
}
