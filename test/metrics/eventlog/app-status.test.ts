import { describe, expect, it } from 'vitest';
import { applicationStatus } from '../../../src/metrics/eventlog/app-status.js';

describe('applicationStatus', () => {
  it('applies DESIGN §2 in order', () => {
    expect(applicationStatus({ ended: false, exitCode: 1, lastJobFailure: 'x' })).toEqual({ status: 'incomplete', failure_reason: null });
    expect(applicationStatus({ ended: true, exitCode: 0, lastJobFailure: 'x' })).toEqual({ status: 'succeeded', failure_reason: null });
    expect(applicationStatus({ ended: true, exitCode: 137, lastJobFailure: null }))
      .toEqual({ status: 'failed', failure_reason: 'application exited with code 137' });
    expect(applicationStatus({ ended: true, exitCode: null, lastJobFailure: 'Job 3 cancelled' }))
      .toEqual({ status: 'failed', failure_reason: 'Job 3 cancelled' });
    expect(applicationStatus({ ended: true, exitCode: null, lastJobFailure: null })).toEqual({ status: 'succeeded', failure_reason: null });
  });
});
