import { describe, expect, it } from 'vitest';
import { compareProposals, type Priority } from '../../src/sweep/rank-proposals.js';

function p(dag_id: string, priority: Partial<Priority>): Priority & { dag_id: string } {
  return { dag_id, reliability: false, failed_share: 0, failed_runs: 0, saving_usd: 0, ...priority };
}

describe('compareProposals', () => {
  it('puts reliability before cost, then failure share, failed runs, saving, and the dag id', () => {
    const list = [
      p('z_cost_small', { saving_usd: 5 }),
      p('a_cost_big', { saving_usd: 50 }),
      p('rel_share_low', { reliability: true, failed_share: 0.1, failed_runs: 9 }),
      p('rel_share_high', { reliability: true, failed_share: 0.5, failed_runs: 1 }),
      p('rel_tie_b', { reliability: true, failed_share: 0.1, failed_runs: 9 }),
      p('b_cost_tie', { saving_usd: 5 }),
    ];
    expect(list.sort(compareProposals).map((x) => x.dag_id)).toEqual([
      'rel_share_high',
      'rel_share_low',
      'rel_tie_b',
      'a_cost_big',
      'b_cost_tie',
      'z_cost_small',
    ]);
  });
});
