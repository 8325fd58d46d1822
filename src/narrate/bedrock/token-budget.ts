/**
 * How many model tokens a sweep may spend (`BEDROCK_MAX_TOKENS_PER_SWEEP`). A sweep creates one per pass; the
 * comment command shares one per process that refills every `refillMs`. Once spent, narrators write the
 * deterministic analysis. A limit of null means no limit.
 */
export interface TokenBudget {
  readonly limit: number | null;
  /** True when another call may start. */
  available(): boolean;
  spend(tokens: number): void;
}

export function createTokenBudget(limit: number | null, options: { refillMs?: number; clock?: () => number } = {}): TokenBudget {
  const clock = options.clock ?? Date.now;
  let spent = 0;
  let since = clock();
  const refill = (): void => {
    if (options.refillMs !== undefined && clock() - since >= options.refillMs) {
      spent = 0;
      since = clock();
    }
  };
  return {
    limit,
    available() {
      refill();
      return limit === null || spent < limit;
    },
    spend(tokens) {
      refill();
      spent += tokens;
    },
  };
}
