import { describe, expect, it } from 'vitest';
import { emptySummary } from '../../src/metrics/empty-summary.js';

describe('emptySummary', () => {
  it('knows nothing but the app id', () => {
    const row = emptySummary('app-1');
    expect(row.app_id).toBe('app-1');
    expect(row.status).toBe('incomplete');
    expect(row.executor_memory_mb).toBeNull();
    expect(row.spark_conf).toEqual({});
  });
});
